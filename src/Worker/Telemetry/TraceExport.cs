using System.Runtime.CompilerServices;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Oprel.Worker.Telemetry;

/// <summary>Sends the worker's spans over OTLP, as service "oprel-worker", when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
internal static class TraceExport
{
    /// <summary>Starts exporting when <paramref name="otlpEndpoint"/> is set; disposing the result flushes what is left.</summary>
    public static IDisposable? Start(string? otlpEndpoint) => otlpEndpoint is null ? null : CreateProvider();

    // Apart, and never inlined, so that a worker without OTLP does not load the SDK.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TracerProvider CreateProvider() => Sdk.CreateTracerProviderBuilder()
        .ConfigureResource(resource => resource.AddService("oprel-worker", serviceVersion: WorkerTracing.Source.Version))
        .AddSource(WorkerTracing.SourceName)
        .AddOtlpExporter()
        .Build();
}
