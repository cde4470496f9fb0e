namespace Oprel.Rpc;

/// <summary>
/// What a worker process serves to its supervisor: one loaded model per worker. On the pipe it travels as
/// <see cref="IWorkerRpc"/>, through <see cref="WorkerRpcServer"/> in the worker and <see cref="WorkerRpcClient"/> in
/// the supervisor.
/// </summary>
internal interface IWorkerService
{
    /// <summary>Loads the model; a worker loads exactly once. Fails with <see cref="RpcErrorCodes.ModelLoadFailed"/>.</summary>
    Task<WorkerModelInfo> LoadAsync(WorkerLoadRequest request, CancellationToken cancellationToken);

    /// <summary>Generates from a prompt or from chat messages, one chunk per piece of text, the last one with Done set.</summary>
    IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken);

    /// <summary>Embeds texts with a context kept for the purpose; vectors are L2-normalised, as Ollama's are.</summary>
    Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken);

    /// <summary>Tokenizes text with the model's vocabulary (special tokens parsed).</summary>
    Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken);

    /// <summary>Answers a health ping with the worker's state.</summary>
    Task<WorkerHealth> PingAsync(CancellationToken cancellationToken);

    /// <summary>Asks the worker to finish: it cancels its sequences, frees the model and exits.</summary>
    Task ShutdownAsync(CancellationToken cancellationToken);
}
