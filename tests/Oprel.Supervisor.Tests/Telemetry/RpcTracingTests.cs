using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Nerdbank.Streams;
using Oprel.Rpc;
using Oprel.Supervisor.Telemetry;
using Oprel.Worker.Hosting;
using Oprel.Worker.Telemetry;
using StreamJsonRpc;

namespace Oprel.Supervisor.Tests.Telemetry;

/// <summary>
/// The supervisor's instrumented proxy and the worker's service over a real JSON-RPC connection (in memory): one
/// trace runs from the supervisor's span into the worker's, and the generation lands in the metrics.
/// </summary>
public sealed class RpcTracingTests : IAsyncLifetime
{
    private static readonly ActivitySource TestSource = new("Oprel.Tests.Telemetry");
    private readonly SpanCollector _spans = new(SupervisorTracing.SourceName, WorkerTracing.SourceName, TestSource.Name);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private WorkerService _worker = null!;
    private JsonRpc _server = null!;
    private JsonRpc _client = null!;
    private Stream _workerTokens = null!;
    private Stream _supervisorTokens = null!;
    private PrometheusExporter _exporter = null!;
    private IWorkerService _proxy = null!;
    private IWorkerService _uninstrumented = null!;

    public async Task InitializeAsync()
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        (_workerTokens, _supervisorTokens) = FullDuplexStream.CreatePair();
        _worker = new WorkerService(NullLogger.Instance, (_, _) => new TimedEngine());
        _server = RpcConnection.Create(serverStream);
        WorkerRpcServer.Register(_server, _workerTokens, _worker);
        _server.StartListening();
        _client = RpcConnection.Create(clientStream);
        var factory = _services.GetRequiredService<IMeterFactory>();
        _exporter = new PrometheusExporter(factory, [SupervisorMetrics.MeterName]);
        _uninstrumented = WorkerRpcClient.Attach(_client, _supervisorTokens);
        _proxy = new InstrumentedWorkerService(_uninstrumented, "timed:latest", 4242, new SupervisorMetrics(factory));
        _client.StartListening();
        await _proxy.LoadAsync(new WorkerLoadRequest { ModelPath = "/models/timed.gguf", ModelName = "timed:latest" }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _server.Dispose();
        _worker.Dispose();
        await _workerTokens.DisposeAsync();
        await _supervisorTokens.DisposeAsync();
        _exporter.Dispose();
        _services.Dispose();
        _spans.Dispose();
    }

    [Fact]
    public async Task Generate_WorkerSpansContinueTheSupervisorsTrace()
    {
        ActivityTraceId traceId;
        using (var request = TestSource.StartActivity("POST /api/generate", ActivityKind.Server)!)
        {
            traceId = request.TraceId;
            await foreach (var _ in _proxy.GenerateAsync(new GenerationRequest { Prompt = "a fox" }, CancellationToken.None))
            {
            }
        }

        var spans = _spans.InTrace(traceId);
        var root = Assert.Single(spans, s => s.Source == TestSource);
        var call = Assert.Single(spans, s => s.Source.Name == SupervisorTracing.SourceName && s.DisplayName == "text_completion timed:latest");
        Assert.Equal(root.SpanId, call.ParentSpanId);
        Assert.Equal(ActivityKind.Client, call.Kind);
        Assert.Equal(3, call.GetTagItem("gen_ai.usage.output_tokens"));

        var generate = Assert.Single(spans, s => s.Source.Name == WorkerTracing.SourceName && s.DisplayName == "generate");
        Assert.Equal(call.SpanId, generate.ParentSpanId);
        Assert.Equal(ActivityKind.Server, generate.Kind);
        Assert.Equal("timed:latest", generate.GetTagItem("gen_ai.request.model"));
        Assert.Equal(9, generate.GetTagItem("gen_ai.usage.input_tokens"));

        var prompt = Assert.Single(spans, s => s.DisplayName == "prompt_eval");
        var generation = Assert.Single(spans, s => s.DisplayName == "generation");
        Assert.Equal(generate.SpanId, prompt.ParentSpanId);
        Assert.Equal(generate.SpanId, generation.ParentSpanId);
        Assert.Equal(TimeSpan.FromMilliseconds(20), prompt.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(15), generation.Duration);
        Assert.Equal(prompt.StartTimeUtc + prompt.Duration, generation.StartTimeUtc);
    }

    [Fact]
    public async Task Generate_WithoutATraceToContinue_TheWorkerStartsOne()
    {
        Activity.Current = null;
        await foreach (var _ in _uninstrumented.GenerateAsync(new GenerationRequest { Prompt = "a fox" }, CancellationToken.None))
        {
        }

        var generate = Assert.Single(_spans.All, s => s.Source.Name == WorkerTracing.SourceName && s.DisplayName == "generate");
        Assert.Equal(default, generate.ParentSpanId);
        Assert.Null(generate.Parent);
        Assert.All(_spans.All.Where(s => s.DisplayName is "prompt_eval" or "generation"), s => Assert.Equal(generate.SpanId, s.ParentSpanId));
    }

    [Fact]
    public async Task Load_WorkerLoadSpanHangsUnderTheSupervisorsLoadSpan()
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        var (workerTokens, supervisorTokens) = FullDuplexStream.CreatePair();
        await using var disposeWorkerTokens = workerTokens;
        await using var disposeSupervisorTokens = supervisorTokens;
        using var worker = new WorkerService(NullLogger.Instance, (_, _) => new TimedEngine());
        using var server = RpcConnection.Create(serverStream);
        WorkerRpcServer.Register(server, workerTokens, worker);
        server.StartListening();
        using var client = RpcConnection.Create(clientStream);
        var proxy = new InstrumentedWorkerService(WorkerRpcClient.Attach(client, supervisorTokens), "timed:latest", 1, new SupervisorMetrics(_services.GetRequiredService<IMeterFactory>()));
        client.StartListening();

        ActivityTraceId traceId;
        using (var request = TestSource.StartActivity("load")!)
        {
            traceId = request.TraceId;
            await proxy.LoadAsync(new WorkerLoadRequest { ModelPath = "/models/timed.gguf", ModelName = "timed:latest" }, CancellationToken.None);
        }

        var spans = _spans.InTrace(traceId);
        var call = Assert.Single(spans, s => s.DisplayName == "load timed:latest");
        var load = Assert.Single(spans, s => s.Source.Name == WorkerTracing.SourceName && s.DisplayName == "load");
        Assert.Equal(call.SpanId, load.ParentSpanId);
    }

    [Fact]
    public async Task Generate_FeedsTokenAndLatencyMetrics()
    {
        await foreach (var _ in _proxy.GenerateAsync(new GenerationRequest { Messages = [new ChatTurn("user", "hi")] }, CancellationToken.None))
        {
        }

        var scrape = PrometheusScrape.Parse(_exporter.Collect());
        var model = ("model", "timed:latest");
        Assert.Equal(7, scrape.Value("oprel_tokens_prompt_total", model));
        Assert.Equal(2, scrape.Value("oprel_tokens_cached_total", model));
        Assert.Equal(3, scrape.Value("oprel_tokens_generated_total", model));
        Assert.Equal(1, scrape.Value("oprel_time_to_first_token_seconds_count", model));
        Assert.InRange(scrape.Value("oprel_time_to_first_token_seconds_sum", model), 0.02, 10);
        Assert.Equal(1, scrape.Value("oprel_token_latency_seconds_count", model));
        Assert.Equal(200, scrape.Value("oprel_tokens_per_second_sum", model), 6);
    }

    [Fact]
    public async Task Embed_CountsPromptTokens()
    {
        await _proxy.EmbedAsync(new EmbeddingRequest(["a", "b"]), CancellationToken.None);
        Assert.Equal(4, PrometheusScrape.Parse(_exporter.Collect()).Value("oprel_tokens_prompt_total", ("model", "timed:latest")));
    }

    [Fact]
    public void Timings_AreMeasuredAcrossTheStream()
    {
        var second = Stopwatch.Frequency;
        var last = new GenerationChunk { Done = true, PromptTokens = 5, GeneratedTokens = 11, EvalDurationNs = 500_000_000 };
        var timings = InstrumentedWorkerService.Timings(last, started: 10 * second, firstText: 12 * second, done: 17 * second);
        Assert.Equal(TimeSpan.FromSeconds(2), timings.TimeToFirstToken);
        Assert.Equal(TimeSpan.FromSeconds(0.5), timings.TokenLatency);
        Assert.Equal(22, timings.TokensPerSecond!.Value, 9);

        var empty = InstrumentedWorkerService.Timings(last with { GeneratedTokens = 0, EvalDurationNs = 0 }, 10 * second, 0, 11 * second);
        Assert.Null(empty.TimeToFirstToken);
        Assert.Null(empty.TokenLatency);
        Assert.Null(empty.TokensPerSecond);
    }
}
