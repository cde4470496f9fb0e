using System.Diagnostics;
using System.Net;
using System.Text;
using Oprel.Supervisor.Tests.EndToEnd;

namespace Oprel.Supervisor.Tests.Telemetry;

/// <summary>
/// A real `oprel serve` exporting over OTLP to a fake collector: one request's trace id, given by the client, is on
/// the supervisor's spans and on the worker's (load, generate, prompt_eval, generation), each hung under its parent.
/// </summary>
public sealed class OtlpEndToEndTests
{
    [Fact]
    public async Task ARequestsTrace_RunsThroughTheSupervisorIntoTheWorker()
    {
        await using var collector = new OtlpCollector();
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var clientSpan = ActivitySpanId.CreateRandom().ToHexString();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate")
        {
            Content = new StringContent("""{"model":"tiny","prompt":"a fox","stream":false,"options":{"num_predict":10}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{clientSpan}-01");
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = await collector.WaitForSpansAsync(
            // Each process exports on its own schedule: wait for the spans of both.
            all => new[] { "load", "generate", "prompt_eval", "generation" }.All(name => all.Any(s => s.TraceId == traceId && s.Service == "oprel-worker" && s.Name == name))
                && new[] { "POST /api/generate", "text_completion tiny:latest", "load tiny:latest" }.All(name => all.Any(s => s.TraceId == traceId && s.Service == "oprel" && s.Name == name)),
            TimeSpan.FromSeconds(60));
        var trace = spans.Where(s => s.TraceId == traceId).ToList();

        var http = Assert.Single(trace, s => s.Service == "oprel" && s.Name == "POST /api/generate");
        Assert.Equal(clientSpan, http.ParentSpanId);
        var call = Assert.Single(trace, s => s.Service == "oprel" && s.Name == "text_completion tiny:latest");
        Assert.Equal(http.SpanId, call.ParentSpanId);
        Assert.Equal("tiny:latest", call.Attributes["gen_ai.request.model"]);
        var load = Assert.Single(trace, s => s.Service == "oprel" && s.Name == "load tiny:latest");

        var generate = Assert.Single(trace, s => s.Service == "oprel-worker" && s.Name == "generate");
        Assert.Equal(call.SpanId, generate.ParentSpanId);
        Assert.True(int.Parse(generate.Attributes["gen_ai.usage.output_tokens"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(generate.SpanId, Assert.Single(trace, s => s.Name == "prompt_eval").ParentSpanId);
        Assert.Equal(generate.SpanId, Assert.Single(trace, s => s.Name == "generation").ParentSpanId);
        Assert.Equal(load.SpanId, Assert.Single(trace, s => s.Service == "oprel-worker" && s.Name == "load").ParentSpanId);

        // Metrics and logs go the same way.
        var deadline = Stopwatch.StartNew();
        while (!collector.Requests.Any(r => r.Path == "/v1/metrics" && Contains(r.Body, "oprel.tokens.generated")) && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        Assert.Contains(collector.Requests, r => r.Path == "/v1/metrics" && Contains(r.Body, "oprel.tokens.generated"));
        Assert.Contains(collector.Requests, r => r.Path == "/v1/logs");
        Assert.Contains($"OTLP export: {collector.Endpoint}", server.Log, StringComparison.Ordinal);
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
