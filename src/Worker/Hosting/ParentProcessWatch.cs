using System.Diagnostics;

namespace Oprel.Worker.Hosting;

/// <summary>Completes when the supervisor process is gone, however it died (the pipe closing is the fast signal; this is the backstop).</summary>
internal static class ParentProcessWatch
{
    public static async Task WaitForExitAsync(int parentProcessId, TimeSpan interval, CancellationToken cancellationToken)
    {
        DateTime? startTime = TryGetStartTime(parentProcessId);
        if (startTime is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            // A recycled process id belongs to a process that started later.
            if (TryGetStartTime(parentProcessId) != startTime)
            {
                return;
            }
        }
    }

    private static DateTime? TryGetStartTime(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited ? null : process.StartTime;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
