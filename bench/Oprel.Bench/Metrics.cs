using System.Globalization;

namespace Oprel.Bench;

/// <summary>Small helpers: medians and resident memory of a process.</summary>
internal static class Metrics
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// Pieces of text per second that <paramref name="streams"/> (each a list of <see cref="System.Diagnostics.Stopwatch"/>
    /// timestamps) produced while all of them were generating; NaN when that window is empty.
    /// </summary>
    public static double AllGeneratingRate(IReadOnlyList<IReadOnlyList<long>> streams)
    {
        if (streams.Count == 0 || streams.Any(s => s.Count < 2))
        {
            return double.NaN;
        }

        var start = streams.Max(s => s[0]);
        var end = streams.Min(s => s[^1]);
        if (end <= start)
        {
            return double.NaN;
        }

        var pieces = streams.Sum(s => s.Count(t => t > start && t <= end));
        return pieces / ((end - start) / (double)System.Diagnostics.Stopwatch.Frequency);
    }

    /// <summary>Resident set size in MiB from /proc/PID/status (Linux), or NaN elsewhere.</summary>
    public static double ResidentMiB(int processId)
    {
        var path = $"/proc/{processId}/status";
        if (!File.Exists(path))
        {
            return double.NaN;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return kb / 1024;
            }
        }

        return double.NaN;
    }
}
