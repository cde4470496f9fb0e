using Microsoft.Extensions.Logging;
using Oprel.Rpc;
using Oprel.Worker.Engine;
using StreamJsonRpc;

namespace Oprel.Worker.Hosting;

/// <summary>The worker's side of <see cref="IWorkerService"/>: it owns the engine of the one model this process serves.</summary>
internal sealed class WorkerService(ILogger logger, Func<WorkerLoadRequest, ILogger, IInferenceEngine> loadEngine) : IWorkerService, IDisposable
{
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private IInferenceEngine? _engine;

    /// <summary>Completes when the supervisor asked the worker to exit.</summary>
    public Task ShutdownRequested => _shutdown.Task;

    public async Task<WorkerModelInfo> LoadAsync(WorkerLoadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            if (_engine is not null)
            {
                throw new LocalRpcException($"This worker already serves '{_engine.Info.ModelPath}'.") { ErrorCode = RpcErrorCodes.InvalidRequest };
            }

            // Loading blocks in native code for a while: keep it off the RPC thread.
            _engine = await Task.Run(() => loadEngine(request, logger), cancellationToken);
            return _engine.Info;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    public IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken) =>
        Engine.GenerateAsync(request, cancellationToken);

    public Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken) => Engine.EmbedAsync(request, cancellationToken);

    public Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken) => Task.FromResult(Engine.Tokenize(text));

    public Task<WorkerHealth> PingAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new WorkerHealth(
            Environment.ProcessId,
            _engine is not null,
            _engine?.ActiveSequences ?? 0,
            _engine?.QueuedRequests ?? 0,
            Environment.WorkingSet));

    public Task ShutdownAsync(CancellationToken cancellationToken)
    {
        _shutdown.TrySetResult();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _engine?.Dispose();
        _engine = null;
        _loadGate.Dispose();
    }

    private IInferenceEngine Engine =>
        _engine ?? throw new LocalRpcException("No model is loaded in this worker.") { ErrorCode = RpcErrorCodes.NotLoaded };
}
