using StreamJsonRpc;

namespace Oprel.Rpc;

/// <summary>
/// The worker's end of <see cref="IWorkerRpc"/>: serves an <see cref="IWorkerService"/> on a connection, writing each
/// generated chunk to the token pipe as soon as it exists.
/// </summary>
internal sealed class WorkerRpcServer : IWorkerRpc
{
    private readonly IWorkerService _service;
    private readonly TokenFrameWriter _tokens;

    private WorkerRpcServer(IWorkerService service, TokenFrameWriter tokens)
    {
        _service = service;
        _tokens = tokens;
    }

    /// <summary>
    /// Serves <paramref name="service"/> on <paramref name="rpc"/>, with the chunks of its generations written to
    /// <paramref name="tokens"/> (the supervisor reads them with <see cref="WorkerRpcClient"/>); call before it starts listening.
    /// </summary>
    public static void Register(JsonRpc rpc, Stream tokens, IWorkerService service)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(service);
        rpc.AddLocalRpcTarget(RpcTargetMetadata.FromShape<IWorkerRpc>(), new WorkerRpcServer(service, new TokenFrameWriter(tokens)), null);

        // Each request is dispatched on the thread that read it, not handed to a pool thread first: a generation
        // reaches the decode loop one thread wake-up sooner. Every method returns at its first wait (a load runs
        // on a pool thread of its own), so reading is never held up.
        rpc.SynchronizationContext = InlineSynchronizationContext.Instance;
    }

    public Task<WorkerModelInfo> LoadAsync(WorkerLoadRequest request, CancellationToken cancellationToken) => _service.LoadAsync(request, cancellationToken);

    public async Task<GenerationChunk> GenerateAsync(long stream, GenerationRequest request, CancellationToken cancellationToken)
    {
        // Started while the request is dispatched, so the supervisor's trace context is current. ConfigureAwait(false)
        // throughout: the loop continues on whatever thread produced the chunk (the decode thread, in a worker), and
        // writes it from there, instead of queueing each token back to the connection's dispatcher.
        var sent = 0;
        await foreach (var chunk in _service.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (chunk.Done)
            {
                return chunk with { ChunksBefore = sent };
            }

            _tokens.Write(stream, chunk.Text);
            sent++;
        }

        throw new LocalRpcException("The generation ended without its final chunk.") { ErrorCode = RpcErrorCodes.Backend };
    }

    public Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken) => _service.EmbedAsync(request, cancellationToken);

    public Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken) => _service.TokenizeAsync(text, cancellationToken);

    public Task<WorkerHealth> PingAsync(CancellationToken cancellationToken) => _service.PingAsync(cancellationToken);

    public Task ShutdownAsync(CancellationToken cancellationToken) => _service.ShutdownAsync(cancellationToken);
}
