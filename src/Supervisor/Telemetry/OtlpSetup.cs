using System.Runtime.CompilerServices;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// The OTLP half of the supervisor's OpenTelemetry pipeline, wired only when OTEL_EXPORTER_OTLP_ENDPOINT is set:
/// metrics, traces (ASP.NET Core's server spans and the supervisor's own) and logs. Kept apart, and never inlined,
/// so that without OTLP neither the exporter nor the tracing SDK is even loaded.
/// </summary>
internal static class OtlpSetup
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Add(OpenTelemetryBuilder telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        telemetry
            .WithMetrics(metrics => metrics.AddOtlpExporter())
            .WithTracing(tracing => tracing
                .AddSource(SupervisorTracing.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != RequestMetricsMiddleware.MetricsPath)
                .AddOtlpExporter())
            .WithLogging(logging => logging.AddOtlpExporter(), options => options.IncludeScopes = true);
    }
}
