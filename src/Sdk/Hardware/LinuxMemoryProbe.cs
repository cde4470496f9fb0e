using System.Globalization;

namespace Oprel.Hardware;

/// <summary>
/// Reads memory on Linux: MemTotal and MemAvailable from /proc/meminfo, capped by the cgroup v2 limits
/// (memory.max, less memory.current) of this process's cgroup and of every cgroup above it. The roots are
/// parameters so tests can point them at fixture files.
/// </summary>
internal sealed class LinuxMemoryProbe(string procRoot = "/proc", string cgroupRoot = "/sys/fs/cgroup")
{
    public MemoryInfo Read()
    {
        var meminfo = Path.Combine(procRoot, "meminfo");
        if (!TryReadAllLines(meminfo, out var lines))
        {
            return MemoryInfo.Unknown($"{meminfo} cannot be read");
        }

        var total = MeminfoValue(lines, "MemTotal");
        var available = MeminfoValue(lines, "MemAvailable") ?? SumOf(MeminfoValue(lines, "MemFree"), MeminfoValue(lines, "Cached"));
        if (total is null)
        {
            return MemoryInfo.Unknown($"{meminfo} has no MemTotal");
        }

        var (limit, headroom) = CgroupLimit();
        if (limit is null)
        {
            return new MemoryInfo(total, available, null, "/proc/meminfo");
        }

        var cappedTotal = Math.Min(total.Value, limit.Value);
        var cappedAvailable = available is null ? headroom : Math.Min(available.Value, headroom ?? available.Value);
        return new MemoryInfo(cappedTotal, cappedAvailable is null ? null : Math.Min(cappedAvailable.Value, cappedTotal), limit, "/proc/meminfo + cgroup v2 memory.max");
    }

    /// <summary>The tightest memory.max on the way from this process's cgroup up to the root, and how much is left under it.</summary>
    internal (long? Limit, long? Headroom) CgroupLimit()
    {
        var relative = OwnCgroupPath();
        if (relative is null)
        {
            return (null, null);
        }

        long? limit = null;
        long? headroom = null;
        var directory = cgroupRoot;
        foreach (var segment in relative.Split('/', StringSplitOptions.RemoveEmptyEntries).Prepend(""))
        {
            directory = segment.Length == 0 ? directory : Path.Combine(directory, segment);
            if (ReadLimit(Path.Combine(directory, "memory.max")) is not { } max)
            {
                continue;
            }

            var left = Math.Max(0, max - ReadUsage(directory));
            limit = limit is null ? max : Math.Min(limit.Value, max);
            headroom = headroom is null ? left : Math.Min(headroom.Value, left);
        }

        return (limit, headroom);
    }

    /// <summary>The cgroup v2 path of this process ("0::/some/path" in /proc/self/cgroup), or null on cgroup v1 or without the file.</summary>
    private string? OwnCgroupPath()
    {
        if (!TryReadAllLines(Path.Combine(procRoot, "self", "cgroup"), out var lines))
        {
            return null;
        }

        foreach (var line in lines)
        {
            if (line.StartsWith("0::", StringComparison.Ordinal))
            {
                var path = line[3..].Trim();
                return path.Contains("..", StringComparison.Ordinal) ? null : path;
            }
        }

        return null;
    }

    private static long? ReadLimit(string path)
    {
        if (!TryReadAllLines(path, out var lines) || lines.Length == 0)
        {
            return null;
        }

        var text = lines[0].Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>memory.current less the page cache the kernel can drop (inactive_file in memory.stat).</summary>
    private static long ReadUsage(string directory)
    {
        var current = ReadLimit(Path.Combine(directory, "memory.current")) ?? 0;
        if (TryReadAllLines(Path.Combine(directory, "memory.stat"), out var stat))
        {
            foreach (var line in stat)
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0] == "inactive_file"
                    && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var inactive))
                {
                    return Math.Max(0, current - inactive);
                }
            }
        }

        return current;
    }

    /// <summary>A "Key:   1234 kB" line of /proc/meminfo in bytes.</summary>
    private static long? MeminfoValue(string[] lines, string key)
    {
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !line.AsSpan(0, colon).SequenceEqual(key))
            {
                continue;
            }

            var parts = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            var unit = parts.Length > 1 ? parts[1] : "";
            return unit.Equals("kB", StringComparison.OrdinalIgnoreCase) ? value * 1024 : value;
        }

        return null;
    }

    private static long? SumOf(long? a, long? b) => a is null || b is null ? null : a + b;

    private static bool TryReadAllLines(string path, out string[] lines)
    {
        try
        {
            lines = File.ReadAllLines(path);
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            lines = [];
            return false;
        }
    }
}
