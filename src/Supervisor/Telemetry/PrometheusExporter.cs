using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// Serves /metrics in Prometheus' text format from a <see cref="MeterListener"/> over the supervisor's meters. It
/// stands in for OpenTelemetry's Prometheus exporter, whose SDK costs the supervisor about 9 MB of resident memory;
/// the OpenTelemetry SDK is loaded only when OTLP export is configured.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly IMeterFactory _meterFactory;
    private readonly HashSet<string> _meterNames;
    private readonly List<MetricStream> _streams = [];
    private readonly Lock _collectGate = new();

    /// <summary>Exports the meters named <paramref name="meterNames"/> that <paramref name="meterFactory"/> made, or that no factory made (the runtime's).</summary>
    public PrometheusExporter(IMeterFactory meterFactory, IEnumerable<string> meterNames)
    {
        _meterFactory = meterFactory;
        _meterNames = new HashSet<string>(meterNames, StringComparer.Ordinal);
        _listener.InstrumentPublished = Publish;
        _listener.MeasurementsCompleted = (_, state) =>
        {
            lock (_streams)
            {
                _streams.Remove((MetricStream)state!);
            }
        };
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricStream)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricStream)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricStream)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricStream)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((MetricStream)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((MetricStream)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((MetricStream)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Polls the observable instruments and renders every metric family.</summary>
    public string Collect()
    {
        lock (_collectGate)
        {
            MetricStream[] streams;
            lock (_streams)
            {
                streams = [.. _streams];
            }

            foreach (var stream in streams)
            {
                stream.BeginCollection();
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder(4096);
            foreach (var stream in streams.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                stream.WriteTo(text);
            }

            return text.ToString();
        }
    }

    /// <summary>The /metrics endpoint.</summary>
    public Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.ContentType = PrometheusText.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(Collect(), context.RequestAborted);
    }

    public void Dispose() => _listener.Dispose();

    private void Publish(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (!_meterNames.Contains(meter.Name) || (meter.Scope is not null && !ReferenceEquals(meter.Scope, _meterFactory)))
        {
            return;
        }

        var stream = new MetricStream(instrument);
        lock (_streams)
        {
            _streams.Add(stream);
        }

        listener.EnableMeasurementEvents(instrument, stream);
    }
}
