using Microsoft.Extensions.Logging;

namespace Oprel.Logging;

/// <summary>Reads OPREL_LOG_LEVEL (trace, debug, info, warn, error), and spells levels as the worker's log lines do.</summary>
internal static class LogLevels
{
    /// <summary>
    /// The level prefixes of Microsoft.Extensions.Logging's simple console format (<c>info: …</c>), indexed by level:
    /// the worker writes them, the supervisor reads them back.
    /// </summary>
    private static readonly string[] ConsolePrefixes = ["trce", "dbug", "info", "warn", "fail", "crit"];

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

    /// <summary>The simple console format's prefix for <paramref name="level"/>.</summary>
    public static string ConsolePrefix(LogLevel level) => ConsolePrefixes[Math.Clamp((int)level, 0, ConsolePrefixes.Length - 1)];

    /// <summary>The level a simple console format prefix stands for, or null when it is not one.</summary>
    public static LogLevel? FromConsolePrefix(ReadOnlySpan<char> prefix)
    {
        for (var i = 0; i < ConsolePrefixes.Length; i++)
        {
            if (prefix.SequenceEqual(ConsolePrefixes[i]))
            {
                return (LogLevel)i;
            }
        }

        return null;
    }

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
