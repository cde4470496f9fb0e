using System.IO.Pipes;
using System.Net;
using System.Text;
using Oprel.OllamaApi;
using Oprel.Rpc;
using Oprel.Supervisor.Tests.EndToEnd;

namespace Oprel.Supervisor.Tests.Telemetry;

/// <summary>/metrics on a real `oprel serve` with the built-in tiny model, and the log around it.</summary>
public sealed class MetricsEndToEndTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly (string, string) Tiny = ("model", "tiny:latest");

    [Fact]
    public async Task Metrics_AfterAGeneration_CountTheRequestAndTokensOfTheModel()
    {
        await GenerateAsync();

        using var response = await server.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var scrape = PrometheusScrape.Parse(await response.Content.ReadAsStringAsync());

        Assert.True(scrape.Value("oprel_requests_total", ("endpoint", "/api/generate"), Tiny, ("status", "200")) >= 1);
        Assert.True(scrape.Value("oprel_tokens_prompt_total", Tiny) > 0);
        Assert.True(scrape.Value("oprel_tokens_generated_total", Tiny) > 0);
        Assert.Equal("histogram", scrape.Types["oprel_time_to_first_token_seconds"]);
        Assert.True(scrape.Value("oprel_time_to_first_token_seconds_count", Tiny) >= 1);
        Assert.True(scrape.Value("oprel_time_to_first_token_seconds_sum", Tiny) > 0);
        Assert.True(scrape.Value("oprel_token_latency_seconds_count", Tiny) >= 1);
        Assert.True(scrape.Value("oprel_tokens_per_second_count", Tiny) >= 1);
        Assert.True(scrape.Value("oprel_request_duration_seconds_count", ("endpoint", "/api/generate"), Tiny, ("status", "200")) >= 1);
        Assert.True(scrape.Value("oprel_worker_starts_total", Tiny) >= 1);
        Assert.InRange(scrape.Value("oprel_worker_rss_bytes", Tiny), 1024 * 1024, 64L * 1024 * 1024 * 1024);
        Assert.True(scrape.Value("dotnet_process_memory_working_set_bytes") > 0);
    }

    [Fact]
    public async Task Metrics_QueueDepthAndActiveSequences_ComeFromTheWorkersHealthPings()
    {
        await using var pinged = await ServerFixture.StartAsync(new Dictionary<string, string> { ["OPREL_HEALTH_INTERVAL"] = "100ms" });
        using (var response = await pinged.Http.PostAsync("/api/generate", Json("""{"model":"tiny","prompt":"a fox","stream":false,"options":{"num_predict":5}}""")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Once idle, the next ping reports an empty queue and no sequence.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        PrometheusScrape scrape;
        do
        {
            await Task.Delay(50);
            scrape = PrometheusScrape.Parse(await pinged.Http.GetStringAsync("/metrics"));
            Assert.All(scrape.Find("oprel_sequences_active", Tiny), s => Assert.InRange(s.Value, 0, 1));
        }
        while (!(scrape.Find("oprel_queue_depth", Tiny).Any(s => s.Value == 0) && scrape.Find("oprel_sequences_active", Tiny).Any(s => s.Value == 0)) && DateTime.UtcNow < deadline);

        Assert.Equal(0, scrape.Value("oprel_queue_depth", Tiny));
        Assert.Equal(0, scrape.Value("oprel_sequences_active", Tiny));
        Assert.Equal("gauge", scrape.Types["oprel_queue_depth"]);
    }

    [Fact]
    public async Task Metrics_UnknownModel_IsCountedAs404WithoutAModelLabel()
    {
        using var response = await server.Http.PostAsync("/api/generate", Json("""{"model":"no-such-model","prompt":"hi"}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var scrape = PrometheusScrape.Parse(await server.Http.GetStringAsync("/metrics"));
        var sample = Assert.Single(scrape.Find("oprel_requests_total", ("endpoint", "/api/generate"), ("status", "404")));
        Assert.False(sample.Labels.ContainsKey("model"));
    }

    [Fact]
    public async Task Metrics_PipeRequests_AreCountedByMethod()
    {
        await using var pipe = new NamedPipeClientStream(".", PipeNames.Supervisor(server.Port), PipeDirection.InOut, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        await pipe.ConnectAsync(10_000);
        using var rpc = RpcConnection.Create(pipe);
        var supervisor = rpc.Attach<ISupervisorService>();
        rpc.StartListening();
        await foreach (var _ in supervisor.ChatAsync(
            new OllamaChatRequest { Model = "tiny", Messages = [new OllamaMessage { Role = "user", Content = "hi" }], Options = new OllamaOptions { NumPredict = 5 } },
            CancellationToken.None))
        {
        }

        var scrape = PrometheusScrape.Parse(await server.Http.GetStringAsync("/metrics"));
        Assert.True(scrape.Value("oprel_requests_total", ("endpoint", "pipe/chat"), Tiny, ("status", "200")) >= 1);
    }

    [Fact]
    public async Task Metrics_ScrapesAreNotCounted()
    {
        await server.Http.GetStringAsync("/metrics");
        var scrape = PrometheusScrape.Parse(await server.Http.GetStringAsync("/metrics"));
        Assert.Empty(scrape.Find("oprel_requests_total", ("endpoint", "/metrics")));
    }

    [Fact]
    public void Otlp_IsOffByDefault_AndItsExporterIsNotEvenLoaded()
    {
        Assert.Contains("OTLP export: off", server.Log, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            var maps = File.ReadAllText($"/proc/{server.ServerProcessId}/maps");
            Assert.DoesNotContain("OpenTelemetry", maps, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WorkerLogLines_AreLoggedAtTheWorkersOwnLevel()
    {
        await GenerateAsync();
        var lines = server.Log.Split('\n');

        // The worker logs "Loaded …" at Information and llama.cpp's chatter at Debug; the server log keeps those levels.
        Assert.Contains(lines, l => l.StartsWith("info: Oprel.Worker[203] [worker ", StringComparison.Ordinal) && l.Contains("] Oprel.Worker[1] Loaded tiny:latest", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dbug: Oprel.Worker[203] [worker ", StringComparison.Ordinal) && l.Contains("llama.cpp: ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("[203] [worker", StringComparison.Ordinal) && l.Contains("] info: ", StringComparison.Ordinal));
    }

    private async Task GenerateAsync()
    {
        using var response = await server.Http.PostAsync("/api/generate", Json("""{"model":"tiny","prompt":"Tell me about the fox.","stream":false,"options":{"num_predict":20,"seed":3}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
