using Microsoft.Extensions.Logging;
using Oprel.Logging;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// One line a worker wrote. Workers log with Microsoft.Extensions.Logging's simple console format on one line
/// (<c>info: Oprel.Worker[1] Loaded …</c>); the supervisor logs each at the level the worker gave it. Anything else
/// (the runtime's last words, a native abort) is logged at Warning from stderr and at Debug from stdout.
/// </summary>
internal readonly record struct WorkerLogLine(LogLevel Level, string Text)
{
    public static WorkerLogLine Parse(string line, bool standardError)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length > 6 && line[4] == ':' && line[5] == ' ' && LogLevels.FromConsolePrefix(line.AsSpan(0, 4)) is { } level)
        {
            return new WorkerLogLine(level, line[6..]);
        }

        return new WorkerLogLine(standardError ? LogLevel.Warning : LogLevel.Debug, line);
    }
}
