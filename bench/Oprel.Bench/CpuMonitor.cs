using System.Globalization;

namespace Oprel.Bench;

/// <summary>
/// Tells how much CPU other processes took while a run was timed: the machine's busy time (/proc/stat, steal
/// included) minus that of the benchmark's own processes (this one, the servers and their workers). On a shared
/// machine a run that others disturbed is repeated. Linux only; elsewhere it reports 0.
/// </summary>
internal sealed class CpuMonitor
{
    private readonly Lock _gate = new();
    private readonly HashSet<int> _own = [Environment.ProcessId];

    public void Track(int processId)
    {
        lock (_gate)
        {
            _own.Add(processId);
        }
    }

    public CpuSnapshot Take()
    {
        int[] own;
        lock (_gate)
        {
            own = [.. _own];
        }

        var (busy, total) = MachineTicks();
        return new CpuSnapshot(busy, total, own.Sum(ProcessTicks));
    }

    /// <summary>
    /// Waits until the machine is quiet (at most <paramref name="maxShare"/> of its CPU busy, whoever uses it: other
    /// processes, or the benchmark's own finishing what the previous run left, such as a child's JIT compiling in
    /// the background) for <paramref name="window"/>, or until <paramref name="timeout"/>. Returns the time waited.
    /// </summary>
    public async Task<TimeSpan> WaitForQuietAsync(double maxShare, TimeSpan window, TimeSpan timeout)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < timeout)
        {
            var before = Take();
            await Task.Delay(window);
            if (BusyShare(before, Take()) <= maxShare)
            {
                break;
            }
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The share of the machine's CPU time (all cores) that any process used between the snapshots.</summary>
    public static double BusyShare(CpuSnapshot before, CpuSnapshot after) => Share(after.BusyTicks - before.BusyTicks, before, after);

    /// <summary>The share of the machine's CPU time (all cores) that other processes used between the snapshots.</summary>
    public static double ForeignShare(CpuSnapshot before, CpuSnapshot after) =>
        Share((after.BusyTicks - before.BusyTicks) - (after.OwnTicks - before.OwnTicks), before, after);

    private static double Share(long ticks, CpuSnapshot before, CpuSnapshot after)
    {
        var total = after.TotalTicks - before.TotalTicks;
        return total <= 0 ? 0 : Math.Clamp((double)ticks / total, 0, 1);
    }

    private static (long Busy, long Total) MachineTicks()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // cpu user nice system idle iowait irq softirq steal [guest guest_nice: already counted in user/nice]
            var values = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = values[3] + values[4];
            return (values.Sum() - idle, values.Sum());
        }
        catch (IOException)
        {
            return (0, 0);
        }
        catch (UnauthorizedAccessException)
        {
            return (0, 0);
        }
    }

    private static long ProcessTicks(int processId)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{processId}/stat");
            // The command name may hold spaces: the fields after it start at the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
