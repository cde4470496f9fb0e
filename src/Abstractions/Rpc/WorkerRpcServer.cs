using StreamJsonRpc;

namespace Oprel.Rpc;

/// <summary>
/// The worker's end of <see cref="IWorkerRpc"/>: serves an <see cref="IWorkerService"/> on a connection, pushing each
/// generated chunk to the supervisor as a notification as soon as it exists.
/// </summary>
internal sealed class WorkerRpcServer : IWorkerRpc
{
    private readonly IWorkerService _service;
    private readonly JsonRpc _rpc;

    private WorkerRpcServer(IWorkerService service, JsonRpc rpc)
    {
        _service = service;
        _rpc = rpc;
    }

    /// <summary>Serves <paramref name="service"/> on <paramref name="rpc"/>; call before it starts listening.</summary>
    public static void Register(JsonRpc rpc, IWorkerService service)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(service);
        rpc.AddLocalRpcTarget(RpcTargetMetadata.FromShape<IWorkerRpc>(), new WorkerRpcServer(service, rpc), null);
    }

    public Task<WorkerModelInfo> LoadAsync(WorkerLoadRequest request, CancellationToken cancellationToken) => _service.LoadAsync(request, cancellationToken);

    public async Task<GenerationChunk> GenerateAsync(long stream, GenerationRequest request, CancellationToken cancellationToken)
    {
        // Started while the request is dispatched, so the supervisor's trace context is current. ConfigureAwait(false)
        // throughout: the loop continues on whatever thread produced the chunk (the decode thread, in a worker), and
        // sends it from there, instead of queueing each token back to the connection's dispatcher.
        var sent = 0;
        await foreach (var chunk in _service.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (chunk.Done)
            {
                return chunk with { ChunksBefore = sent };
            }

            await _rpc.NotifyAsync(IWorkerRpc.ChunkMethod, stream, chunk).ConfigureAwait(false);
            sent++;
        }

        throw new LocalRpcException("The generation ended without its final chunk.") { ErrorCode = RpcErrorCodes.Backend };
    }

    public Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken) => _service.EmbedAsync(request, cancellationToken);

    public Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken) => _service.TokenizeAsync(text, cancellationToken);

    public Task<WorkerHealth> PingAsync(CancellationToken cancellationToken) => _service.PingAsync(cancellationToken);

    public Task ShutdownAsync(CancellationToken cancellationToken) => _service.ShutdownAsync(cancellationToken);
}
