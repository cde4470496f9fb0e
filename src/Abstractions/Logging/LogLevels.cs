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

    /// <summary>The OPREL_LOG_LEVEL spelling of a level, which <see cref="Parse"/> reads back.</summary>
    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };

    /// <summary>The most verbose level a logger writes, or <see cref="LogLevel.None"/> when it writes nothing.</summary>
    public static LogLevel MinimumEnabled(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        for (var level = LogLevel.Trace; level < LogLevel.None; level++)
        {
            if (logger.IsEnabled(level))
            {
                return level;
            }
        }

        return LogLevel.None;
    }
}
