using Microsoft.Extensions.Logging;

namespace Oprel.Logging;

/// <summary>Reads OPREL_LOG_LEVEL (trace, debug, info, warn, error).</summary>
internal static class LogLevels
{
    public static LogLevel FromEnvironment() => Parse(Environment.GetEnvironmentVariable("OPREL_LOG_LEVEL"));

    public static LogLevel Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "WARN" or "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "CRITICAL" => LogLevel.Critical,
        "NONE" or "OFF" => LogLevel.None,
        _ => LogLevel.Information,
    };
}
