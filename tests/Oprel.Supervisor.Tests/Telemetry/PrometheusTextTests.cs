using System.Text;
using Oprel.Supervisor.Telemetry;

namespace Oprel.Supervisor.Tests.Telemetry;

public sealed class PrometheusTextTests
{
    [Theory]
    [InlineData("oprel.requests", "{request}", true, "oprel_requests_total")]
    [InlineData("oprel.time_to_first_token", "s", false, "oprel_time_to_first_token_seconds")]
    [InlineData("oprel.worker.rss", "By", false, "oprel_worker_rss_bytes")]
    [InlineData("oprel.tokens.prompt", "{token}", true, "oprel_tokens_prompt_total")]
    [InlineData("oprel.tokens_per_second", null, false, "oprel_tokens_per_second")]
    [InlineData("dotnet.gc.pause.time", "s", true, "dotnet_gc_pause_time_seconds_total")]
    [InlineData("already_total", null, true, "already_total")]
    [InlineData("http.duration_seconds", "s", false, "http_duration_seconds")]
    [InlineData("9lives-left", "1", false, "_9lives_left")]
    public void MetricName_FollowsOpenTelemetrysPrometheusNaming(string instrument, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusText.MetricName(instrument, unit, counter));

    [Fact]
    public void Labels_AreSortedEscapedAndSkipNulls()
    {
        KeyValuePair<string, object?>[] tags =
        [
            new("status", 200),
            new("model", "a \"quoted\"\\path\nnext"),
            new("gen_ai.system", null),
            new("endpoint", "/api/chat"),
        ];

        Assert.Equal("endpoint=\"/api/chat\",model=\"a \\\"quoted\\\"\\\\path\\nnext\",status=\"200\"", PrometheusText.Labels(tags));
        Assert.Equal("", PrometheusText.Labels([]));
    }

    [Fact]
    public void Labels_RenameInvalidKeysAndFormatValuesInvariantly()
    {
        KeyValuePair<string, object?>[] tags = [new("gc.heap-generation", "gen0"), new("ratio", 0.5), new("ok", true)];
        Assert.Equal("gc_heap_generation=\"gen0\",ok=\"true\",ratio=\"0.5\"", PrometheusText.Labels(tags));
    }

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(42d, "42")]
    [InlineData(-3d, "-3")]
    [InlineData(0.25, "0.25")]
    [InlineData(1e20, "1E+20")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Number_IsWhatPrometheusParses(double value, string expected) => Assert.Equal(expected, PrometheusText.Number(value));

    [Fact]
    public void AppendEscaped_EscapesQuotesOnlyInLabelValues()
    {
        var help = new StringBuilder();
        PrometheusText.AppendEscaped(help, "a \"b\" \\ c\nd", escapeQuotes: false);
        Assert.Equal("a \"b\" \\\\ c\\nd", help.ToString());
    }
}
