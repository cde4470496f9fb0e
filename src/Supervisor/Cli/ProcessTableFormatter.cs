using System.Globalization;
using System.Text;
using Oprel.OllamaApi;

namespace Oprel.Supervisor.Cli;

/// <summary>Writes GET /api/ps as the table `oprel ps` prints, like `ollama ps`.</summary>
internal static class ProcessTableFormatter
{
    private const int ColumnGap = 4;
    private static readonly string[] Headers = ["NAME", "PID", "SIZE", "PROCESSOR", "UNTIL"];

    /// <summary>The table: a header row, then one row per loaded model; <paramref name="nowUtc"/> is the time UNTIL counts from.</summary>
    public static string Format(IReadOnlyList<OllamaRunningModel> models, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(models);
        var rows = new List<string[]>(models.Count + 1) { Headers };
        rows.AddRange(models.Select(model => new[]
        {
            model.Name,
            model.Pid > 0 ? model.Pid.ToString(CultureInfo.InvariantCulture) : "-",
            FormatBytes(model.Size),
            model.Processor ?? FormatProcessor(model.Size, model.SizeVram),
            FormatUntil(model.ExpiresAt, nowUtc),
        }));

        var widths = Enumerable.Range(0, Headers.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (var column = 0; column < row.Length; column++)
            {
                text.Append(column == row.Length - 1 ? row[column] : row[column].PadRight(widths[column] + ColumnGap));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A size in decimal units as Ollama prints it: 812 B, 1.5 KB, 637 MB, 4.7 GB.</summary>
    public static string FormatBytes(long bytes)
    {
        (double Size, string Unit)[] units = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB")];
        foreach (var (size, unit) in units)
        {
            if (bytes >= size)
            {
                var value = bytes / size;
                return value >= 10 || value == Math.Truncate(value)
                    ? $"{Math.Truncate(value).ToString(CultureInfo.InvariantCulture)} {unit}"
                    : $"{value.ToString("0.0", CultureInfo.InvariantCulture)} {unit}";
            }
        }

        return $"{bytes.ToString(CultureInfo.InvariantCulture)} B";
    }

    /// <summary>Where a model's weights are: "100% CPU", "100% GPU", or "48%/52% CPU/GPU".</summary>
    public static string FormatProcessor(long size, long sizeVram)
    {
        if (sizeVram <= 0 || size <= 0)
        {
            return "100% CPU";
        }

        if (sizeVram >= size)
        {
            return "100% GPU";
        }

        var gpu = (int)(sizeVram * 100 / size);
        return $"{(100 - gpu).ToString(CultureInfo.InvariantCulture)}%/{gpu.ToString(CultureInfo.InvariantCulture)}% CPU/GPU";
    }

    /// <summary>When a model unloads, relative to now: "4 minutes from now", "Forever" (never), "Stopping..." (already due).</summary>
    public static string FormatUntil(DateTime expiresAt, DateTime nowUtc)
    {
        if (expiresAt == default)
        {
            return "Never";
        }

        var expiresUtc = expiresAt.Kind == DateTimeKind.Local ? expiresAt.ToUniversalTime() : expiresAt;
        var remaining = expiresUtc - nowUtc;
        if (remaining.TotalDays > 20 * 365)
        {
            return "Forever";
        }

        return remaining <= TimeSpan.Zero ? "Stopping..." : $"{HumanDuration(remaining)} from now";
    }

    private static string HumanDuration(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        if (seconds < 1)
        {
            return "Less than a second";
        }

        if (seconds < 60)
        {
            return seconds == 1 ? "1 second" : $"{seconds.ToString(CultureInfo.InvariantCulture)} seconds";
        }

        var minutes = (long)duration.TotalMinutes;
        if (minutes < 60)
        {
            return minutes == 1 ? "About a minute" : $"{minutes.ToString(CultureInfo.InvariantCulture)} minutes";
        }

        var hours = (long)Math.Round(duration.TotalHours);
        return hours switch
        {
            1 => "About an hour",
            < 48 => $"{hours.ToString(CultureInfo.InvariantCulture)} hours",
            < 24 * 7 * 2 => $"{(hours / 24).ToString(CultureInfo.InvariantCulture)} days",
            < 24 * 30 * 2 => $"{(hours / 24 / 7).ToString(CultureInfo.InvariantCulture)} weeks",
            < 24 * 365 * 2 => $"{(hours / 24 / 30).ToString(CultureInfo.InvariantCulture)} months",
            _ => $"{(hours / 24 / 365).ToString(CultureInfo.InvariantCulture)} years",
        };
    }
}
