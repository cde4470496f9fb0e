namespace Oprel.Supervisor.Workers;

/// <summary>The right to use a loaded model for one request; disposing it starts the model's keep-alive time.</summary>
internal sealed class WorkerLease(WorkerPool pool, LoadedModel model, TimeSpan loadDuration) : IAsyncDisposable
{
    private int _released;

    public LoadedModel Model { get; } = model;

    /// <summary>How long this request waited for the model to load (zero when it was already loaded).</summary>
    public TimeSpan LoadDuration { get; } = loadDuration;

    /// <summary>How long the model stays loaded after this request; negative keeps it loaded, zero unloads it at once.</summary>
    public TimeSpan KeepAlive { get; set; } = WorkerPool.DefaultKeepAlive;

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _released, 1) == 0 ? pool.ReleaseAsync(Model, KeepAlive) : ValueTask.CompletedTask;
}
