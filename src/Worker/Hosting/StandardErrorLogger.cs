using Microsoft.Extensions.Logging;
using Oprel.Logging;

namespace Oprel.Worker.Hosting;

/// <summary>
/// The worker's logger: one line per entry on stderr, in the simple console format the supervisor reads
/// (<c>info: Oprel.Worker[1] Loaded …</c>), an exception on the same line. Written directly rather than through
/// a console logger provider, whose options, configuration and queue thread cost a starting worker about 60 ms.
/// </summary>
internal sealed class StandardErrorLogger(string category, LogLevel minimum, TextWriter output) : ILogger
{
    private readonly object _gate = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        var line = exception is null
            ? $"{LogLevels.ConsolePrefix(logLevel)}: {category}[{eventId.Id}] {message}"
            : $"{LogLevels.ConsolePrefix(logLevel)}: {category}[{eventId.Id}] {message} {exception}";
        line = line.ReplaceLineEndings(" ");
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
