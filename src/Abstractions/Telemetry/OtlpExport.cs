namespace Oprel.Telemetry;

/// <summary>
/// Whether telemetry goes out over OTLP: only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (and
/// <c>OTEL_SDK_DISABLED</c> is not true). The exporters read the rest of the standard <c>OTEL_*</c> variables
/// (protocol, headers, intervals) themselves. Supervisor and worker decide alike, as the worker inherits the
/// supervisor's environment.
/// </summary>
internal static class OtlpExport
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The configured OTLP endpoint, or null when OTLP export is off.</summary>
    public static string? Endpoint(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.Equals(environment("OTEL_SDK_DISABLED")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return environment(EndpointVariable) is { } endpoint && !string.IsNullOrWhiteSpace(endpoint) ? endpoint.Trim() : null;
    }

    /// <summary>The OTLP endpoint this process's environment names, or null.</summary>
    public static string? EndpointFromEnvironment() => Endpoint(Environment.GetEnvironmentVariable);
}
