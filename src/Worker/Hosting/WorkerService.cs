using Microsoft.Extensions.Logging;
using Oprel.Rpc;
using Oprel.Telemetry;
using Oprel.Worker.Engine;
using Oprel.Worker.Telemetry;
using StreamJsonRpc;

namespace Oprel.Worker.Hosting;

/// <summary>The worker's side of <see cref="IWorkerService"/>: it owns the engine of the one model this process serves.</summary>
internal sealed class WorkerService(ILogger logger, Func<WorkerLoadRequest, ILogger, IInferenceEngine> loadEngine) : IWorkerService, IDisposable
{
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private IInferenceEngine? _engine;
    private string? _modelName;
    private (WorkerLoadRequest Request, Task<IInferenceEngine> Engine)? _preload;

    /// <summary>Completes when the supervisor asked the worker to exit.</summary>
    public Task ShutdownRequested => _shutdown.Task;

    /// <summary>
    /// Starts loading <paramref name="request"/>'s model now, before the supervisor asks (see <see cref="WorkerPreload"/>);
    /// call once, before the connection serves requests. A <see cref="LoadAsync"/> for the same request gets this load.
    /// </summary>
    public void Preload(WorkerLoadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _preload = (request, Task.Run(() => loadEngine(request, logger)));
    }

    public async Task<WorkerModelInfo> LoadAsync(WorkerLoadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = WorkerTracing.StartRequest("load", request.ModelName);
        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            if (_engine is not null)
            {
                throw new LocalRpcException($"This worker already serves '{_engine.Info.ModelPath}'.") { ErrorCode = RpcErrorCodes.InvalidRequest };
            }

            _engine = await LoadEngineAsync(request, cancellationToken);
            _modelName = request.ModelName;
            span?.SetTag("oprel.model.context_size", request.ContextSize);
            span?.SetTag("oprel.model.gpu_layers", request.GpuLayers);
            span?.SetTag("oprel.model.parallel", request.Parallel);
            return _engine.Info;
        }
        catch (Exception error)
        {
            GenAiTags.SetError(span, error);
            throw;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    public IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken) =>
        WorkerTracing.TraceGeneration(Engine.GenerateAsync(request, cancellationToken), request, _modelName, cancellationToken);

    public async Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = WorkerTracing.StartRequest("embed", _modelName);
        try
        {
            var result = await Engine.EmbedAsync(request, cancellationToken);
            span?.SetTag(GenAiTags.InputTokens, result.PromptTokens);
            return result;
        }
        catch (Exception error)
        {
            GenAiTags.SetError(span, error);
            throw;
        }
    }

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

    private async Task<IInferenceEngine> LoadEngineAsync(WorkerLoadRequest request, CancellationToken cancellationToken)
    {
        if (_preload is { } preload)
        {
            _preload = null;
            if (request == preload.Request)
            {
                return await preload.Engine.WaitAsync(cancellationToken);
            }

            // Asked for another model than the one handed at start: let that load finish and free it.
            await preload.Engine.ContinueWith(static done => { if (done.IsCompletedSuccessfully) done.Result.Dispose(); }, TaskScheduler.Default);
        }

        // Loading blocks in native code for a while: keep it off the RPC thread.
        return await Task.Run(() => loadEngine(request, logger), cancellationToken);
    }

    private IInferenceEngine Engine =>
        _engine ?? throw new LocalRpcException("No model is loaded in this worker.") { ErrorCode = RpcErrorCodes.NotLoaded };
}
