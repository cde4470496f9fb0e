namespace Oprel.Supervisor.Telemetry;

/// <summary>The aggregate of one label set of one instrument. Its owner's lock guards it.</summary>
internal sealed class MetricPoint(int bucketCount)
{
    private readonly long[] _buckets = new long[bucketCount];

    /// <summary>The sum (counters, histograms) or the last value (gauges).</summary>
    public double Value { get; private set; }

    /// <summary>How many values a histogram saw.</summary>
    public long Count { get; private set; }

    /// <summary>Per-bucket (not cumulative) counts; the last bucket is +Inf.</summary>
    public ReadOnlySpan<long> Buckets => _buckets;

    public void Add(double value) => Value += value;

    public void Set(double value) => Value = value;

    /// <summary>Adds a histogram value: the first bucket whose upper bound is at least the value counts it.</summary>
    public void Observe(double value, double[] bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        var index = Array.BinarySearch(bounds, value);
        _buckets[index >= 0 ? index : ~index]++;
        Value += value;
        Count++;
    }
}
