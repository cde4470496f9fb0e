using System.Diagnostics.Metrics;
using System.Text;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// The measurements of one instrument, aggregated by label set the way OpenTelemetry's cumulative aggregation does,
/// and written as one Prometheus metric family.
/// </summary>
internal sealed class MetricStream
{
    /// <summary>Label sets kept per instrument; later ones are folded into one overflow series.</summary>
    public const int MaxPoints = 1000;

    /// <summary>OpenTelemetry's default histogram bounds, for instruments that advise none.</summary>
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private const string OverflowLabels = "otel_metric_overflow=\"true\"";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, MetricPoint> _points = new(StringComparer.Ordinal);
    private readonly double[] _bounds;
    private readonly bool _replaces;

    public MetricStream(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        Kind = definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>) ? MetricKind.Counter
            : definition == typeof(Histogram<>) ? MetricKind.Histogram
            : MetricKind.Gauge;
        IsObservable = instrument.IsObservable;

        // Observable instruments report whole values; so do gauges. Counters and UpDownCounters report increments.
        _replaces = IsObservable || definition == typeof(Gauge<>);
        _bounds = Kind == MetricKind.Histogram ? AdvisedBounds(instrument) ?? DefaultBounds : [];
        Name = PrometheusText.MetricName(instrument.Name, instrument.Unit, Kind == MetricKind.Counter);
        Description = instrument.Description;
    }

    public string Name { get; }

    public string? Description { get; }

    public MetricKind Kind { get; }

    public bool IsObservable { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = PrometheusText.Labels(tags);
        lock (_gate)
        {
            if (!_points.TryGetValue(labels, out var point))
            {
                if (_points.Count >= MaxPoints)
                {
                    labels = OverflowLabels;
                }

                if (!_points.TryGetValue(labels, out point))
                {
                    point = new MetricPoint(_bounds.Length + 1);
                    _points[labels] = point;
                }
            }

            if (Kind == MetricKind.Histogram)
            {
                point.Observe(value, _bounds);
            }
            else if (_replaces)
            {
                point.Set(value);
            }
            else
            {
                point.Add(value);
            }
        }
    }

    /// <summary>Forgets what observable instruments reported last time, so that series whose source is gone vanish.</summary>
    public void BeginCollection()
    {
        if (IsObservable)
        {
            lock (_gate)
            {
                _points.Clear();
            }
        }
    }

    /// <summary>Appends the family (HELP, TYPE, samples); nothing when it has no samples yet.</summary>
    public void WriteTo(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            if (_points.Count == 0)
            {
                return;
            }

            if (!string.IsNullOrEmpty(Description))
            {
                text.Append("# HELP ").Append(Name).Append(' ');
                PrometheusText.AppendEscaped(text, Description, escapeQuotes: false);
                text.Append('\n');
            }

            text.Append("# TYPE ").Append(Name).Append(' ').Append(Kind switch
            {
                MetricKind.Counter => "counter",
                MetricKind.Histogram => "histogram",
                _ => "gauge",
            }).Append('\n');
            foreach (var (labels, point) in _points)
            {
                if (Kind == MetricKind.Histogram)
                {
                    WriteHistogram(text, labels, point);
                }
                else
                {
                    WriteSample(text, Name, labels, null, PrometheusText.Number(point.Value));
                }
            }
        }
    }

    private void WriteHistogram(StringBuilder text, string labels, MetricPoint point)
    {
        long cumulative = 0;
        var buckets = point.Buckets;
        for (var i = 0; i < buckets.Length; i++)
        {
            cumulative += buckets[i];
            var bound = i < _bounds.Length ? PrometheusText.Number(_bounds[i]) : "+Inf";
            WriteSample(text, Name + "_bucket", labels, bound, PrometheusText.Number(cumulative));
        }

        WriteSample(text, Name + "_sum", labels, null, PrometheusText.Number(point.Value));
        WriteSample(text, Name + "_count", labels, null, PrometheusText.Number(point.Count));
    }

    private static void WriteSample(StringBuilder text, string name, string labels, string? le, string value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
            {
                text.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(value).Append('\n');
    }

    private static double[]? AdvisedBounds(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds],
        Histogram<long> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
        _ => null,
    };
}
