using PolyType;
using StreamJsonRpc;

namespace Oprel.Rpc;

/// <summary>
/// The JSON-RPC contract on a worker's pipe. A generation is one request whose chunks the worker writes while it
/// runs, one per token, to a second pipe of its own (<see cref="TokenFrame"/>s: no JSON to write or parse, and one
/// system call a token on each side); the request's result is the final chunk, which counts the chunks written
/// before it. (Notifications on this pipe cost a serializer, a dispatcher and several thread wake-ups per token on
/// each side; StreamJsonRpc's IAsyncEnumerable support, a request and a response per token.)
/// </summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
internal partial interface IWorkerRpc
{
    /// <inheritdoc cref="IWorkerService.LoadAsync"/>
    Task<WorkerModelInfo> LoadAsync(WorkerLoadRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Generates, writing each chunk but the last to the token pipe as a <see cref="TokenFrame"/> tagged with
    /// <paramref name="stream"/>; returns the last chunk (Done set) with <see cref="GenerationChunk.ChunksBefore"/> set.
    /// </summary>
    Task<GenerationChunk> GenerateAsync(long stream, GenerationRequest request, CancellationToken cancellationToken);

    /// <inheritdoc cref="IWorkerService.EmbedAsync"/>
    Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken);

    /// <inheritdoc cref="IWorkerService.TokenizeAsync"/>
    Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken);

    /// <inheritdoc cref="IWorkerService.PingAsync"/>
    Task<WorkerHealth> PingAsync(CancellationToken cancellationToken);

    /// <inheritdoc cref="IWorkerService.ShutdownAsync"/>
    Task ShutdownAsync(CancellationToken cancellationToken);
}
