using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Oprel.Rpc;
using Oprel.Supervisor.Inference;

namespace Oprel.Supervisor.Workers;

/// <summary>
/// Starts one worker per model on first use, shares it between requests, unloads it when its keep-alive time
/// runs out, and forgets it when it dies so that the next request starts a fresh one.
/// </summary>
internal sealed partial class WorkerPool(Func<string, CancellationToken, Task<WorkerProcess>> startWorker, TimeProvider time, ILogger<WorkerPool> logger) : IAsyncDisposable
{
    public static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LoadedModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<LoadedModel>> _loading = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Gets the model's worker, starting and loading it if needed, and marks it in use until the lease is disposed.</summary>
    public async Task<WorkerLease> AcquireAsync(string name, ModelLoadSettings settings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            Task<LoadedModel> loading;
            LoadedModel? stale = null;
            lock (_gate)
            {
                if (_models.TryGetValue(name, out var loaded))
                {
                    if (loaded.Settings == settings || loaded.InFlight > 0)
                    {
                        loaded.InFlight++;
                        loaded.ExpiresAt = null;
                        loaded.ExpiryTimer?.Dispose();
                        loaded.ExpiryTimer = null;
                        return new WorkerLease(this, loaded, Stopwatch.GetElapsedTime(started));
                    }

                    // Idle, but loaded with other settings (say another num_ctx): reload it.
                    stale = Remove(loaded);
                }

                if (!_loading.TryGetValue(name, out loading!))
                {
                    loading = LoadAsync(name, settings);
                    _loading[name] = loading;
                }
            }

            if (stale is not null)
            {
                await stale.Worker.DisposeAsync();
            }

            // The load goes on for the others even if this caller gives up.
            await loading.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The loaded models, for /api/ps.</summary>
    public IReadOnlyList<LoadedModel> Snapshot()
    {
        lock (_gate)
        {
            return [.. _models.Values];
        }
    }

    /// <summary>Unloads a model now if it is idle; returns whether it was loaded.</summary>
    public async Task<bool> UnloadAsync(string name)
    {
        LoadedModel? removed = null;
        lock (_gate)
        {
            if (_models.TryGetValue(name, out var loaded) && loaded.InFlight == 0)
            {
                removed = Remove(loaded);
            }
        }

        if (removed is null)
        {
            return false;
        }

        await removed.Worker.DisposeAsync();
        return true;
    }

    internal async ValueTask ReleaseAsync(LoadedModel model, TimeSpan keepAlive)
    {
        LoadedModel? unload = null;
        lock (_gate)
        {
            model.InFlight--;
            if (model.InFlight > 0 || !_models.TryGetValue(model.Name, out var current) || current != model)
            {
                return;
            }

            if (keepAlive == TimeSpan.Zero)
            {
                unload = Remove(model);
            }
            else if (keepAlive > TimeSpan.Zero)
            {
                model.ExpiresAt = time.GetUtcNow() + keepAlive;
                model.ExpiryTimer = time.CreateTimer(_ => _ = ExpireAsync(model), null, keepAlive, Timeout.InfiniteTimeSpan);
            }
            else
            {
                model.ExpiresAt = DateTimeOffset.MaxValue;
            }
        }

        if (unload is not null)
        {
            LogUnloaded(logger, model.Name, "keep_alive is 0");
            await unload.Worker.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        List<LoadedModel> all;
        lock (_gate)
        {
            all = [.. _models.Values];
            foreach (var model in all)
            {
                Remove(model);
            }
        }

        await Task.WhenAll(all.Select(m => m.Worker.DisposeAsync().AsTask()));
        _stopping.Dispose();
    }

    private async Task<LoadedModel> LoadAsync(string name, ModelLoadSettings settings)
    {
        await Task.Yield();
        try
        {
            var worker = await startWorker(name, _stopping.Token);
            try
            {
                var info = await worker.Service.LoadAsync(
                    new WorkerLoadRequest
                    {
                        ModelPath = settings.ModelPath,
                        ModelName = name,
                        ContextSize = settings.ContextSize,
                        Threads = settings.Threads,
                        BatchSize = settings.BatchSize,
                        GpuLayers = settings.GpuLayers,
                        Parallel = settings.Parallel,
                        NativeLibraryDirectory = settings.NativeLibraryDirectory,
                    },
                    _stopping.Token);
                var model = new LoadedModel(name, settings, worker, info);
                lock (_gate)
                {
                    _models[name] = model;
                }

                _ = WatchAsync(model);
                LogLoaded(logger, name, worker.ProcessId, info.LoadDurationNs / 1_000_000);
                return model;
            }
            catch (Exception error)
            {
                var mapped = WorkerErrors.Map(error, name, worker);
                await worker.DisposeAsync();
                if (mapped == error)
                {
                    throw;
                }

                throw mapped;
            }
        }
        finally
        {
            lock (_gate)
            {
                _loading.Remove(name);
            }
        }
    }

    private async Task WatchAsync(LoadedModel model)
    {
        await model.Worker.Disconnected.ContinueWith(static _ => { }, TaskScheduler.Default);
        bool crashed;
        lock (_gate)
        {
            crashed = !model.Stopping;
            if (_models.TryGetValue(model.Name, out var current) && current == model)
            {
                Remove(model);
            }
        }

        if (crashed)
        {
            LogWorkerDied(logger, model.Name, model.Worker.ProcessId, model.Worker.ExitDescription());
            await model.Worker.DisposeAsync();
        }
    }

    private async Task ExpireAsync(LoadedModel model)
    {
        LoadedModel? expired = null;
        lock (_gate)
        {
            if (model.InFlight == 0 && model.ExpiresAt is { } at && at <= time.GetUtcNow()
                && _models.TryGetValue(model.Name, out var current) && current == model)
            {
                expired = Remove(model);
            }
        }

        if (expired is not null)
        {
            LogUnloaded(logger, model.Name, "its keep-alive time ran out");
            await expired.Worker.DisposeAsync();
        }
    }

    /// <summary>Takes a model out of the pool; the caller stops its worker outside the lock.</summary>
    private LoadedModel Remove(LoadedModel model)
    {
        _models.Remove(model.Name);
        model.Stopping = true;
        model.ExpiryTimer?.Dispose();
        model.ExpiryTimer = null;
        return model;
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Loaded {Model} in worker {Pid} ({Milliseconds} ms)")]
    private static partial void LogLoaded(ILogger logger, string model, int pid, long milliseconds);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Unloaded {Model}: {Reason}")]
    private static partial void LogUnloaded(ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "The worker of {Model} (pid {Pid}) {How}; the next request starts a new one")]
    private static partial void LogWorkerDied(ILogger logger, string model, int pid, string how);
}
