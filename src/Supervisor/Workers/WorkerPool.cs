using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Oprel.Rpc;
using Oprel.Supervisor.Hosting;
using Oprel.Supervisor.Inference;
using Oprel.Supervisor.Telemetry;

namespace Oprel.Supervisor.Workers;

/// <summary>
/// Starts one worker per model on first use, shares it between requests, unloads it when its keep-alive time runs
/// out or room is needed (least recently used first), pings it, kills it when it hangs or passes its memory limit,
/// and forgets it when it dies so that the next request starts a fresh one — unless it keeps crashing.
/// </summary>
internal sealed partial class WorkerPool : IAsyncDisposable
{
    public static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromMinutes(5);

    private readonly Func<WorkerLoadRequest, CancellationToken, Task<WorkerProcess>> _startWorker;
    private readonly SupervisorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkerPool> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LoadedModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<LoadedModel>> _loading = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DateTimeOffset>> _crashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _waiting = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _healthLoop;

    public WorkerPool(Func<WorkerLoadRequest, CancellationToken, Task<WorkerProcess>> startWorker, SupervisorOptions options, TimeProvider time, ILogger<WorkerPool> logger)
    {
        _startWorker = startWorker;
        _options = options;
        _time = time;
        _logger = logger;
        _healthLoop = CheckHealthAsync(_stopping.Token);
    }

    /// <summary>Counts crashes and evictions when set.</summary>
    public SupervisorMetrics? Metrics { get; init; }

    /// <summary>Gets the model's worker, starting and loading it if needed, and marks it in use until the lease is disposed.</summary>
    /// <exception cref="ServerBusyException">Too many requests wait for this model already.</exception>
    /// <exception cref="BackendException">The model's worker keeps crashing, or could not start.</exception>
    public async Task<WorkerLease> AcquireAsync(string name, ModelLoadSettings settings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        EnterQueue(name, settings.Parallel);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
                Task<LoadedModel>? loading = null;
                List<LoadedModel> stopNow = [];
                lock (_gate)
                {
                    if (_models.TryGetValue(name, out var dead) && dead.Worker.HasExited)
                    {
                        // The worker died and its pipe has not said so yet: start a new one now instead of handing
                        // out the dead one. It is not marked as stopping, so WatchAsync still counts the crash.
                        Forget(dead);
                    }

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
                        stopNow.Add(Remove(loaded));
                        Metrics?.WorkerEvicted(name, EvictionReason.Reload);
                    }

                    if (!_loading.TryGetValue(name, out loading))
                    {
                        ThrowIfCrashLooping(name);
                        if (MakeRoom() is { } room)
                        {
                            stopNow.AddRange(room);
                            loading = LoadAsync(name, settings);
                            _loading[name] = loading;
                        }
                    }
                }

                foreach (var model in stopNow)
                {
                    await model.Worker.DisposeAsync();
                }

                if (loading is null)
                {
                    // Every loaded model is busy and no more may be loaded: wait for one to become idle.
                    await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken);
                    continue;
                }

                // The load goes on for the others even if this caller gives up.
                await loading.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            LeaveQueue(name);
        }
    }

    /// <summary>Unloads the least recently used idle model (not <paramref name="except"/>) to free memory; false when none is idle.</summary>
    public async Task<bool> EvictLeastRecentlyUsedAsync(string except)
    {
        LoadedModel? evicted;
        lock (_gate)
        {
            evicted = _models.Values.Where(m => m.InFlight == 0 && m.Name != except).MinBy(m => m.LastUsed);
            if (evicted is not null)
            {
                Remove(evicted);
            }
        }

        if (evicted is null)
        {
            return false;
        }

        LogUnloaded(_logger, evicted.Name, "memory was needed for another model");
        Metrics?.WorkerEvicted(evicted.Name, EvictionReason.Memory);
        await evicted.Worker.DisposeAsync();
        return true;
    }

    /// <summary>Forgets a model's recent crashes, so that an explicit load starts it again.</summary>
    public void ResetCrashes(string name)
    {
        lock (_gate)
        {
            _crashes.Remove(name);
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
            model.LastUsed = _time.GetUtcNow();
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
                model.ExpiresAt = _time.GetUtcNow() + keepAlive;
                model.ExpiryTimer = _time.CreateTimer(_ => _ = ExpireAsync(model), null, keepAlive, Timeout.InfiniteTimeSpan);
            }
            else
            {
                model.ExpiresAt = DateTimeOffset.MaxValue;
            }
        }

        if (unload is not null)
        {
            LogUnloaded(_logger, model.Name, "keep_alive is 0");
            Metrics?.WorkerEvicted(model.Name, EvictionReason.KeepAliveZero);
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
        await _healthLoop.ContinueWith(static _ => { }, TaskScheduler.Default);
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

    private void EnterQueue(string name, int parallel)
    {
        lock (_gate)
        {
            var waiting = _waiting.GetValueOrDefault(name);
            if (waiting >= parallel + _options.MaxQueue)
            {
                throw new ServerBusyException(
                    $"server busy: {waiting} requests for '{name}' are already running or queued (OPREL_MAX_QUEUE is {_options.MaxQueue}); try again later");
            }

            _waiting[name] = waiting + 1;
        }
    }

    private void LeaveQueue(string name)
    {
        lock (_gate)
        {
            var waiting = _waiting.GetValueOrDefault(name) - 1;
            if (waiting <= 0)
            {
                _waiting.Remove(name);
            }
            else
            {
                _waiting[name] = waiting;
            }
        }
    }

    /// <summary>Under the lock: the idle models to unload so that one more fits OPREL_MAX_LOADED_MODELS, or null when all are busy.</summary>
    private List<LoadedModel>? MakeRoom()
    {
        var evicted = new List<LoadedModel>();
        while (_models.Count + _loading.Count - evicted.Count >= _options.MaxLoadedModels)
        {
            var idle = _models.Values.Where(m => m.InFlight == 0 && !evicted.Contains(m)).MinBy(m => m.LastUsed);
            if (idle is null)
            {
                return null;
            }

            evicted.Add(idle);
        }

        foreach (var model in evicted)
        {
            Remove(model);
            LogUnloaded(_logger, model.Name, $"room was needed for another model (OPREL_MAX_LOADED_MODELS is {_options.MaxLoadedModels})");
            Metrics?.WorkerEvicted(model.Name, EvictionReason.MakeRoom);
        }

        return evicted;
    }

    /// <summary>Under the lock: refuses to start a model whose workers crashed too often lately.</summary>
    private void ThrowIfCrashLooping(string name)
    {
        if (!_crashes.TryGetValue(name, out var crashes))
        {
            return;
        }

        var since = _time.GetUtcNow() - _options.CrashWindow;
        crashes.RemoveAll(at => at < since);
        if (crashes.Count >= _options.CrashLimit)
        {
            throw new BackendException(
                $"the worker for '{name}' crashed {crashes.Count} times within {_options.CrashWindow.TotalSeconds:0} seconds, so it is not restarted automatically; " +
                "load it explicitly (a request with an empty prompt) to try again");
        }
    }

    private async Task<LoadedModel> LoadAsync(string name, ModelLoadSettings settings)
    {
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var load = new WorkerLoadRequest
            {
                ModelPath = settings.ModelPath,
                ModelName = name,
                ContextSize = settings.ContextSize,
                Threads = settings.Threads,
                BatchSize = settings.BatchSize,
                GpuLayers = settings.GpuLayers,
                Parallel = settings.Parallel,
                MemoryMap = settings.MemoryMap,
                NativeLibraryDirectory = settings.NativeLibraryDirectory,
            };
            var worker = await _startWorker(load, _stopping.Token);
            try
            {
                var info = await worker.Service.LoadAsync(load, _stopping.Token);
                var model = new LoadedModel(name, settings, worker, info) { LastUsed = _time.GetUtcNow() };
                lock (_gate)
                {
                    _models[name] = model;
                }

                _ = WatchAsync(model);
                LogLoaded(_logger, name, worker.ProcessId, info.LoadDurationNs / 1_000_000, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
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

            if (crashed)
            {
                if (!_crashes.TryGetValue(model.Name, out var crashes))
                {
                    _crashes[model.Name] = crashes = [];
                }

                crashes.Add(_time.GetUtcNow());
            }
        }

        if (crashed)
        {
            LogWorkerDied(_logger, model.Name, model.Worker.ProcessId, model.Worker.ExitDescription());
            Metrics?.WorkerCrashed(model.Name, model.Worker.KilledFor);
            await model.Worker.DisposeAsync();
        }
    }

    /// <summary>Pings every worker; kills one that misses two pings in a row or whose memory passed its limit.</summary>
    private async Task CheckHealthAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.HealthInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await Task.WhenAll(Snapshot().Select(model => PingAsync(model, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PingAsync(LoadedModel model, CancellationToken stoppingToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(_options.HealthInterval * 2);
            var health = await model.Worker.Service.PingAsync(timeout.Token);
            model.LastHealth = health;
            model.MissedPings = 0;
            if (model.Settings.MemoryLimitBytes is { } limit && health.ResidentBytes > limit)
            {
                LogMemoryLimit(_logger, model.Name, model.Worker.ProcessId, health.ResidentBytes / (1024 * 1024), limit / (1024 * 1024));
                model.Worker.Kill(WorkerKillReason.MemoryLimit);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or TimeoutException && !stoppingToken.IsCancellationRequested)
        {
            if (++model.MissedPings >= 2 && !model.Worker.HasExited)
            {
                LogUnresponsive(_logger, model.Name, model.Worker.ProcessId);
                model.Worker.Kill(WorkerKillReason.Unresponsive);
            }
        }
        catch (Exception error) when (error is StreamJsonRpc.ConnectionLostException or ObjectDisposedException)
        {
            // It is gone already; WatchAsync handles that.
        }
    }

    private async Task ExpireAsync(LoadedModel model)
    {
        LoadedModel? expired = null;
        lock (_gate)
        {
            if (model.InFlight == 0 && model.ExpiresAt is { } at && _models.TryGetValue(model.Name, out var current) && current == model)
            {
                var left = at - _time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    expired = Remove(model);
                }
                else
                {
                    // Timers and the wall clock drift apart a little: a timer that fired early waits for the rest.
                    model.ExpiryTimer?.Dispose();
                    model.ExpiryTimer = _time.CreateTimer(_ => _ = ExpireAsync(model), null, left, Timeout.InfiniteTimeSpan);
                }
            }
        }

        if (expired is not null)
        {
            LogUnloaded(_logger, model.Name, "its keep-alive time ran out");
            Metrics?.WorkerEvicted(model.Name, EvictionReason.Expired);
            await expired.Worker.DisposeAsync();
        }
    }

    /// <summary>Takes a model out of the pool; the caller stops its worker outside the lock.</summary>
    private LoadedModel Remove(LoadedModel model)
    {
        Forget(model);
        model.Stopping = true;
        return model;
    }

    /// <summary>Takes a model out of the pool without marking it as stopping: its end still counts as a crash.</summary>
    private void Forget(LoadedModel model)
    {
        _models.Remove(model.Name);
        model.ExpiryTimer?.Dispose();
        model.ExpiryTimer = null;
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Loaded {Model} in worker {Pid} ({Milliseconds} ms; {StartToReadyMilliseconds} ms from starting the process to ready)")]
    private static partial void LogLoaded(ILogger logger, string model, int pid, long milliseconds, long startToReadyMilliseconds);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Unloaded {Model}: {Reason}")]
    private static partial void LogUnloaded(ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "The worker of {Model} (pid {Pid}) {How}; the next request starts a new one")]
    private static partial void LogWorkerDied(ILogger logger, string model, int pid, string how);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "The worker of {Model} (pid {Pid}) uses {ResidentMb} MiB, past its {LimitMb} MiB limit; killing it")]
    private static partial void LogMemoryLimit(ILogger logger, string model, int pid, long residentMb, long limitMb);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "The worker of {Model} (pid {Pid}) missed two health pings; killing it")]
    private static partial void LogUnresponsive(ILogger logger, string model, int pid);
}
