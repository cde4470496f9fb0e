using Oprel.Rpc;

namespace Oprel.Models.Backends;

/// <summary>Where a <see cref="Model"/> runs: on the Oprel server (server mode) or in this process (direct mode).</summary>
internal interface IModelBackend : IAsyncDisposable
{
    bool IsLoaded { get; }

    Task LoadAsync(CancellationToken cancellationToken);

    Task UnloadAsync(CancellationToken cancellationToken);

    /// <summary>Streams the answer to a conversation, piece by piece.</summary>
    IAsyncEnumerable<string> ChatAsync(IReadOnlyList<Message> messages, SamplingOptions sampling, CancellationToken cancellationToken);
}
