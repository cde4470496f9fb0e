using Microsoft.Extensions.Logging;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// How OPREL_LOG_LEVEL applies to the supervisor's log: Oprel's own categories (and the worker lines it forwards)
/// log at that level; the framework's (Microsoft.*, System.*) follow it too, but never below Warning, so that
/// debug logging shows Oprel's work rather than every Kestrel connection.
/// </summary>
internal static class SupervisorLogging
{
    public static ILoggingBuilder Configure(ILoggingBuilder logging, LogLevel level)
    {
        ArgumentNullException.ThrowIfNull(logging);
        var framework = level < LogLevel.Warning ? LogLevel.Warning : level;
        return logging
            .SetMinimumLevel(level)
            .AddFilter("Microsoft", framework)
            .AddFilter("System", framework);
    }
}
