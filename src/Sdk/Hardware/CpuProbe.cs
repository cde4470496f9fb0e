using System.Runtime.Intrinsics.X86;

namespace Oprel.Hardware;

/// <summary>
/// Finds the processor's cores and vector extensions: the runtime's own view (which honours affinity and cgroup CPU
/// limits) and, on Linux, /proc/cpuinfo for the model name, the physical cores and the flags.
/// </summary>
internal sealed class CpuProbe(string procRoot = "/proc")
{
    public CpuInfo Read()
    {
        var avx = Avx.IsSupported;
        var avx2 = Avx2.IsSupported;
        var avx512 = Avx512F.IsSupported;
        if (!OperatingSystem.IsLinux())
        {
            return new CpuInfo(Environment.ProcessorCount, null, null, avx, avx2, avx512);
        }

        var fromFile = ParseCpuinfo(Path.Combine(procRoot, "cpuinfo"), Environment.ProcessorCount);
        return fromFile is null
            ? new CpuInfo(Environment.ProcessorCount, null, null, avx, avx2, avx512)
            : fromFile with { Avx = avx || fromFile.Avx, Avx2 = avx2 || fromFile.Avx2, Avx512 = avx512 || fromFile.Avx512 };
    }

    /// <summary>Reads a /proc/cpuinfo file: model name, flags, and distinct (physical id, core id) pairs.</summary>
    internal static CpuInfo? ParseCpuinfo(string path, int logicalCores)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        string? model = null;
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var cores = new HashSet<(string Package, string Core)>();
        var package = "0";
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "model name":
                    model ??= value;
                    break;
                case "flags":
                    if (flags.Count == 0)
                    {
                        flags.UnionWith(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    }

                    break;
                case "physical id":
                    package = value;
                    break;
                case "core id":
                    cores.Add((package, value));
                    break;
            }
        }

        int? physical = cores.Count > 0 ? Math.Min(cores.Count, logicalCores) : null;
        return new CpuInfo(logicalCores, physical, model, flags.Contains("avx"), flags.Contains("avx2"), flags.Contains("avx512f"));
    }
}
