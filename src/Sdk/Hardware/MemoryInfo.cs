namespace Oprel.Hardware;

/// <summary>System memory as the probe found it, already capped by a cgroup limit where one applies.</summary>
/// <param name="TotalBytes">Memory this process may use in all; null when unknown.</param>
/// <param name="AvailableBytes">Memory that can be had now without swapping; null when unknown.</param>
/// <param name="CgroupLimitBytes">The cgroup v2 memory.max that applies, when there is one.</param>
/// <param name="Source">Where the figures come from, e.g. "/proc/meminfo + cgroup v2".</param>
internal sealed record MemoryInfo(long? TotalBytes, long? AvailableBytes, long? CgroupLimitBytes, string Source)
{
    public static MemoryInfo Unknown(string why) => new(null, null, null, why);
}
