using PolyType;
using StreamJsonRpc;

namespace Oprel.Rpc;

/// <summary>
/// The JSON-RPC contract on a worker's pipe. A generation is one request whose chunks the worker pushes to the
/// supervisor as <see cref="ChunkMethod"/> notifications while it runs, one message per token; the request's result
/// is the final chunk, which counts the chunks sent before it. (StreamJsonRpc's IAsyncEnumerable support would cost
/// a request and a response per token.)
/// </summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
internal partial interface IWorkerRpc
{
    /// <summary>The notification that carries one chunk of a generation: the stream's id, then the chunk.</summary>
    const string ChunkMethod = "chunk";

    /// <inheritdoc cref="IWorkerService.LoadAsync"/>
    Task<WorkerModelInfo> LoadAsync(WorkerLoadRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Generates, sending each chunk but the last as a <see cref="ChunkMethod"/> notification tagged with
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
