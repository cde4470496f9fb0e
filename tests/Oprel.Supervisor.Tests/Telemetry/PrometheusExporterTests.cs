using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Oprel.Supervisor.Telemetry;

namespace Oprel.Supervisor.Tests.Telemetry;

/// <summary>The hand-written exporter behind /metrics: aggregation per label set and the text it writes.</summary>
public sealed class PrometheusExporterTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly IMeterFactory _factory;
    private readonly Meter _meter;
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        _factory = _services.GetRequiredService<IMeterFactory>();
        _meter = _factory.Create("Test.Meter");
        _exporter = new PrometheusExporter(_factory, ["Test.Meter"]);
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Counter_SumsPerLabelSet()
    {
        var counter = _meter.CreateCounter<long>("test.requests", "{request}", "Requests.");
        counter.Add(1, new KeyValuePair<string, object?>("model", "a"));
        counter.Add(2, new KeyValuePair<string, object?>("model", "a"));
        counter.Add(5, new KeyValuePair<string, object?>("model", "b"));

        var text = _exporter.Collect();
        var scrape = PrometheusScrape.Parse(text);
        Assert.Equal("counter", scrape.Types["test_requests_total"]);
        Assert.Equal(3, scrape.Value("test_requests_total", ("model", "a")));
        Assert.Equal(5, scrape.Value("test_requests_total", ("model", "b")));
        Assert.Contains("# HELP test_requests_total Requests.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_UsesAdvisedBucketsCumulatively()
    {
        var histogram = _meter.CreateHistogram("test.latency", "s", "Latency.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1, 10] });
        foreach (var value in new[] { 0.05, 0.1, 0.5, 2, 20 })
        {
            histogram.Record(value);
        }

        var scrape = PrometheusScrape.Parse(_exporter.Collect());
        Assert.Equal("histogram", scrape.Types["test_latency_seconds"]);
        Assert.Equal(2, scrape.Value("test_latency_seconds_bucket", ("le", "0.1")));
        Assert.Equal(3, scrape.Value("test_latency_seconds_bucket", ("le", "1")));
        Assert.Equal(4, scrape.Value("test_latency_seconds_bucket", ("le", "10")));
        Assert.Equal(5, scrape.Value("test_latency_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(5, scrape.Value("test_latency_seconds_count"));
        Assert.Equal(22.65, scrape.Value("test_latency_seconds_sum"), 9);
    }

    [Fact]
    public void Histogram_WithoutAdvice_UsesOpenTelemetrysDefaultBuckets()
    {
        _meter.CreateHistogram<long>("test.size").Record(30);
        var buckets = PrometheusScrape.Parse(_exporter.Collect()).Find("test_size_bucket").Select(s => s.Labels["le"]).ToArray();
        Assert.Equal(["0", "5", "10", "25", "50", "75", "100", "250", "500", "750", "1000", "2500", "5000", "7500", "10000", "+Inf"], buckets);
    }

    [Fact]
    public void ObservableGauge_ReportsOnlyWhatTheCallbackReturnsNow()
    {
        var models = new List<string> { "a", "b" };
        _meter.CreateObservableGauge("test.rss", () => models.Select(m => new Measurement<long>(m.Length * 100, new KeyValuePair<string, object?>("model", m))), "By");

        var first = PrometheusScrape.Parse(_exporter.Collect());
        Assert.Equal("gauge", first.Types["test_rss_bytes"]);
        Assert.Equal(2, first.Find("test_rss_bytes").Count());

        models.Remove("a");
        var second = PrometheusScrape.Parse(_exporter.Collect());
        Assert.Equal("b", Assert.Single(second.Find("test_rss_bytes")).Labels["model"]);
    }

    [Fact]
    public void UpDownCounter_IsAGaugeWithoutTotal()
    {
        var active = _meter.CreateUpDownCounter<int>("test.active");
        active.Add(3);
        active.Add(-1);
        var scrape = PrometheusScrape.Parse(_exporter.Collect());
        Assert.Equal("gauge", scrape.Types["test_active"]);
        Assert.Equal(2, scrape.Value("test_active"));
    }

    [Fact]
    public void MetersOfOtherNamesOrFactories_AreNotExported()
    {
        using var others = new ServiceCollection().AddMetrics().BuildServiceProvider();
        others.GetRequiredService<IMeterFactory>().Create("Test.Meter").CreateCounter<int>("test.foreign").Add(1);
        _factory.Create("Test.Other").CreateCounter<int>("test.unlisted").Add(1);
        _meter.CreateCounter<int>("test.mine").Add(1);

        var text = _exporter.Collect();
        Assert.Contains("test_mine_total 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("test_foreign", text, StringComparison.Ordinal);
        Assert.DoesNotContain("test_unlisted", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyLabelSets_FoldIntoOneOverflowSeries()
    {
        var counter = _meter.CreateCounter<int>("test.wide");
        for (var i = 0; i < MetricStream.MaxPoints + 50; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", i));
        }

        var samples = PrometheusScrape.Parse(_exporter.Collect()).Find("test_wide_total").ToList();
        Assert.Equal(MetricStream.MaxPoints + 1, samples.Count);
        Assert.Equal(50, Assert.Single(samples, s => s.Labels.ContainsKey("otel_metric_overflow")).Value);
    }

    [Fact]
    public void Collect_WithNothingRecorded_WritesNoEmptyFamilies()
    {
        _meter.CreateCounter<int>("test.unused");
        Assert.DoesNotContain("test_unused", _exporter.Collect(), StringComparison.Ordinal);
    }
}
