using System.Globalization;

namespace Oprel.Supervisor.Telemetry;

/// <summary>Reads a process's resident memory from <c>/proc/PID/status</c> (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS in bytes, or null where there is no /proc or the process is gone.</summary>
    public static long? ResidentBytes(int processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return ParseKilobytes(line.AsSpan("VmRSS:".Length));
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The process exited between the snapshot and the read.
        }

        return null;
    }

    /// <summary>Parses the value of a /proc status line such as <c>"   73428 kB"</c>.</summary>
    internal static long? ParseKilobytes(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.EndsWith("kB", StringComparison.Ordinal))
        {
            value = value[..^2].TrimEnd();
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes) ? kilobytes * 1024 : null;
    }
}
