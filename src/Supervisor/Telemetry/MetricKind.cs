namespace Oprel.Supervisor.Telemetry;

/// <summary>How a Prometheus metric family aggregates its instrument's measurements.</summary>
internal enum MetricKind
{
    /// <summary>A monotonic sum (Counter, ObservableCounter): <c>name_total</c>.</summary>
    Counter,

    /// <summary>A value that goes up and down (gauges, UpDownCounters).</summary>
    Gauge,

    /// <summary>Explicit-bucket histogram: <c>_bucket</c>, <c>_sum</c>, <c>_count</c>.</summary>
    Histogram,
}
