using Oprel.Rpc;

namespace Oprel.Worker.Engine;

/// <summary>
/// A loaded model that generates text. The worker process serves one over its pipe; the SDK's direct mode uses
/// one in the caller's process. LLamaSharp's types stay behind it.
/// </summary>
internal interface IInferenceEngine : IDisposable
{
    WorkerModelInfo Info { get; }

    int ActiveSequences { get; }

    int QueuedRequests { get; }

    /// <summary>Streams the answer; the last chunk has Done set. Cancelling ends the sequence at the next step.</summary>
    IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken);

    /// <summary>Embeds texts (one normalised vector each) on a context of its own, so generation is not disturbed.</summary>
    Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken);

    int[] Tokenize(string text);
}
