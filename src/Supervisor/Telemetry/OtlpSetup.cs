using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Oprel.Supervisor.Hosting;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// The supervisor's OpenTelemetry pipeline, wired only when OTEL_EXPORTER_OTLP_ENDPOINT is set: metrics, traces
/// (ASP.NET Core's server spans and the supervisor's own) and logs, all over OTLP as service "oprel". The exporters
/// read the other OTEL_* variables (protocol, headers, intervals). Kept apart, and never inlined, so that without
/// OTLP the SDK is not even loaded; /metrics does not need it.
/// </summary>
internal static class OtlpSetup
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Add(IServiceCollection services) => services.AddOpenTelemetry()
        .ConfigureResource(resource => resource.AddService("oprel", serviceVersion: SupervisorVersion.Current))
        .WithMetrics(metrics => metrics
            .AddMeter([.. SupervisorMetrics.ExportedMeters])
            .AddOtlpExporter())
        .WithTracing(tracing => tracing
            .AddSource(SupervisorTracing.SourceName)
            .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != RequestMetricsMiddleware.MetricsPath)
            .AddOtlpExporter())
        .WithLogging(logging => logging.AddOtlpExporter(), options => options.IncludeScopes = true);
}
