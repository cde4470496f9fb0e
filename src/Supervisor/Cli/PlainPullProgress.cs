using System.Globalization;
using Oprel.OllamaApi;

namespace Oprel.Supervisor.Cli;

/// <summary>
/// Pull progress as plain lines, for logs and pipes: each new status once, and a download's progress at every
/// 10% (bytes done, total, speed).
/// </summary>
internal sealed class PlainPullProgress(TextWriter output, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private string? _status;
    private int _lastDecile = -1;

    public void Report(OllamaProgressResponse progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Status != _status)
        {
            _status = progress.Status;
            _lastDecile = -1;
            if (progress.Total is null)
            {
                output.WriteLine(progress.Status);
            }
        }

        if (progress is not { Total: > 0 and var total, Completed: { } completed })
        {
            return;
        }

        var decile = (int)(completed * 10 / total);
        if (decile <= _lastDecile)
        {
            return;
        }

        _lastDecile = decile;
        var seconds = Math.Max(0.001, time.GetElapsedTime(_started).TotalSeconds);
        var percent = (completed * 100 / total).ToString(CultureInfo.InvariantCulture);
        output.WriteLine($"{progress.Status}: {percent}% ({ByteSize.Format(completed)} of {ByteSize.Format(total)}, {ByteSize.Format((long)(completed / seconds))}/s)");
    }
}
