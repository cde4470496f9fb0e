using System.Diagnostics;
using System.Diagnostics.Metrics;
using Oprel.Supervisor.Hosting;
using Oprel.Supervisor.Workers;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// The supervisor's metrics, on one <see cref="Meter"/> named <see cref="MeterName"/>: requests, tokens, latencies,
/// and the state of the workers. OpenTelemetry exports them (Prometheus text at /metrics, OTLP when configured).
/// </summary>
internal sealed class SupervisorMetrics
{
    public const string MeterName = "Oprel.Supervisor";

    /// <summary>The meters /metrics and OTLP export: Oprel's, and the runtime's own (GC, JIT, thread pool, the supervisor's memory).</summary>
    public static readonly IReadOnlyList<string> ExportedMeters = [MeterName, "System.Runtime"];

    private static readonly double[] TimeToFirstTokenBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
    private static readonly double[] TokenLatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5];
    private static readonly double[] TokensPerSecondBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
    private static readonly double[] RequestDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _promptTokens;
    private readonly Counter<long> _cachedTokens;
    private readonly Counter<long> _generatedTokens;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Histogram<double> _tokenLatency;
    private readonly Histogram<double> _tokensPerSecond;
    private readonly Counter<long> _workerStarts;
    private readonly Counter<long> _workerCrashes;
    private readonly Counter<long> _workerEvictions;
    private WorkerPool? _pool;

    public SupervisorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(new MeterOptions(MeterName) { Version = SupervisorVersion.Current });
        _requests = meter.CreateCounter<long>("oprel.requests", "{request}", "Requests served, by endpoint, model and HTTP status.");
        _requestDuration = meter.CreateHistogram(
            "oprel.request.duration", "s", "Time from a request's arrival to its last byte, by endpoint, model and HTTP status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RequestDurationBuckets });
        _promptTokens = meter.CreateCounter<long>("oprel.tokens.prompt", "{token}", "Prompt tokens evaluated (prompt_eval_count), by model.");
        _cachedTokens = meter.CreateCounter<long>("oprel.tokens.cached", "{token}", "Prompt tokens taken from the prompt cache instead of evaluated, by model.");
        _generatedTokens = meter.CreateCounter<long>("oprel.tokens.generated", "{token}", "Tokens generated (eval_count), by model.");
        _timeToFirstToken = meter.CreateHistogram(
            "oprel.time_to_first_token", "s", "Time from handing a generation to the model's worker until its first text arrives, by model.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TimeToFirstTokenBuckets });
        _tokenLatency = meter.CreateHistogram(
            "oprel.token_latency", "s", "Mean time between generated tokens after the first, one value per generation, by model.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TokenLatencyBuckets });
        _tokensPerSecond = meter.CreateHistogram(
            "oprel.tokens_per_second", null, "Generation speed in tokens per second (eval_count / eval_duration), one value per generation, by model.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TokensPerSecondBuckets });
        meter.CreateObservableGauge("oprel.queue.depth", ObserveQueueDepth, "{request}", "Requests waiting in a worker for a free sequence, as of its last health ping, by model.");
        meter.CreateObservableGauge("oprel.sequences.active", ObserveActiveSequences, "{sequence}", "Sequences a worker is decoding, as of its last health ping, by model.");
        _workerStarts = meter.CreateCounter<long>("oprel.worker.starts", "{worker}", "Worker processes started, by model.");
        _workerCrashes = meter.CreateCounter<long>("oprel.worker.crashes", "{worker}", "Workers that died without being asked to (crashed, or killed as unresponsive or over their memory limit), by model and reason.");
        _workerEvictions = meter.CreateCounter<long>("oprel.worker.evictions", "{worker}", "Models unloaded by the pool (keep-alive expired, keep_alive 0, room or memory for another model, reload with other settings), by model and reason.");
        meter.CreateObservableGauge("oprel.worker.rss", ObserveWorkerMemory, "By", "Resident memory of each worker process, by model.");
    }

    /// <summary>Lets the gauges read the pool's workers; called once, when the pool is built.</summary>
    public void Observe(WorkerPool pool) => _pool = pool;

    public void RequestCompleted(string endpoint, string? model, int status, TimeSpan duration)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "status", status } };
        if (model is not null)
        {
            tags.Add("model", model);
        }

        _requests.Add(1, tags);
        _requestDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Records a finished generation from its worker-reported counts and the supervisor's own timings.</summary>
    public void GenerationCompleted(string model, GenerationTimings timings)
    {
        var tag = new KeyValuePair<string, object?>("model", model);
        _promptTokens.Add(timings.PromptTokens, tag);
        _cachedTokens.Add(timings.CachedPromptTokens, tag);
        _generatedTokens.Add(timings.GeneratedTokens, tag);
        if (timings.TimeToFirstToken is { } firstToken)
        {
            _timeToFirstToken.Record(firstToken.TotalSeconds, tag);
        }

        if (timings.TokenLatency is { } latency)
        {
            _tokenLatency.Record(latency.TotalSeconds, tag);
        }

        if (timings.TokensPerSecond is { } speed)
        {
            _tokensPerSecond.Record(speed, tag);
        }
    }

    public void EmbeddingCompleted(string model, int promptTokens) =>
        _promptTokens.Add(promptTokens, new KeyValuePair<string, object?>("model", model));

    public void WorkerStarted(string model) => _workerStarts.Add(1, new KeyValuePair<string, object?>("model", model));

    public void WorkerCrashed(string model, WorkerKillReason reason) => _workerCrashes.Add(
        1,
        new KeyValuePair<string, object?>("model", model),
        new KeyValuePair<string, object?>("reason", reason switch
        {
            WorkerKillReason.MemoryLimit => "memory_limit",
            WorkerKillReason.Unresponsive => "unresponsive",
            WorkerKillReason.BrokenTokenPipe => "broken_token_pipe",
            _ => "exited",
        }));

    public void WorkerEvicted(string model, EvictionReason reason) => _workerEvictions.Add(
        1,
        new KeyValuePair<string, object?>("model", model),
        new KeyValuePair<string, object?>("reason", reason switch
        {
            EvictionReason.Expired => "expired",
            EvictionReason.KeepAliveZero => "keep_alive_0",
            EvictionReason.MakeRoom => "max_loaded_models",
            EvictionReason.Memory => "memory",
            EvictionReason.Reload => "reload",
            _ => "other",
        }));

    private IEnumerable<Measurement<int>> ObserveQueueDepth() =>
        LoadedModels().Where(m => m.LastHealth is not null).Select(m => new Measurement<int>(m.LastHealth!.QueuedRequests, Model(m)));

    private IEnumerable<Measurement<int>> ObserveActiveSequences() =>
        LoadedModels().Where(m => m.LastHealth is not null).Select(m => new Measurement<int>(m.LastHealth!.ActiveSequences, Model(m)));

    private IEnumerable<Measurement<long>> ObserveWorkerMemory()
    {
        foreach (var model in LoadedModels())
        {
            // /proc is read now; elsewhere the last health ping says what the worker measured itself.
            if ((ProcessMemory.ResidentBytes(model.Worker.ProcessId) ?? model.LastHealth?.ResidentBytes) is { } bytes)
            {
                yield return new Measurement<long>(bytes, Model(model));
            }
        }
    }

    private IReadOnlyList<LoadedModel> LoadedModels() => _pool?.Snapshot() ?? [];

    private static KeyValuePair<string, object?> Model(LoadedModel model) => new("model", model.Name);
}
