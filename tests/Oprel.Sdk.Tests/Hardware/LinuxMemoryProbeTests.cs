using Oprel.Hardware;

namespace Oprel.Sdk.Tests.Hardware;

/// <summary>The memory probe on fixture /proc and cgroup v2 trees.</summary>
public sealed class LinuxMemoryProbeTests : IDisposable
{
    private const long GiB = 1024L * 1024 * 1024;
    private readonly string _root = Directory.CreateTempSubdirectory("oprel-probe-").FullName;

    private string Proc => Path.Combine(_root, "proc");

    private string Cgroup => Path.Combine(_root, "cgroup");

    [Fact]
    public void Read_NoCgroupLimit_ReportsMeminfo()
    {
        WriteMeminfo(totalKb: 32_000_000, availableKb: 20_000_000);
        Write("proc/self/cgroup", "0::/user.slice\n");
        Write("cgroup/user.slice/memory.max", "max\n");

        var memory = Probe().Read();

        Assert.Equal(32_000_000L * 1024, memory.TotalBytes);
        Assert.Equal(20_000_000L * 1024, memory.AvailableBytes);
        Assert.Null(memory.CgroupLimitBytes);
    }

    [Fact]
    public void Read_ContainerLimit_CapsTotalAndAvailableByWhatIsLeftUnderTheLimit()
    {
        WriteMeminfo(totalKb: 32_000_000, availableKb: 20_000_000);
        Write("proc/self/cgroup", "0::/docker/abc\n");
        Write("cgroup/docker/abc/memory.max", (8 * GiB).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Write("cgroup/docker/abc/memory.current", (2 * GiB).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Write("cgroup/docker/abc/memory.stat", $"anon 123\ninactive_file {GiB}\nactive_file 5\n");

        var memory = Probe().Read();

        Assert.Equal(8 * GiB, memory.TotalBytes);
        Assert.Equal(7 * GiB, memory.AvailableBytes);
        Assert.Equal(8 * GiB, memory.CgroupLimitBytes);
        Assert.Contains("cgroup", memory.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ParentCgroupIsTighter_UsesTheParentsLimit()
    {
        WriteMeminfo(totalKb: 64_000_000, availableKb: 60_000_000);
        Write("proc/self/cgroup", "0::/user.slice/session-1.scope\n");
        Write("cgroup/user.slice/memory.max", (4 * GiB).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Write("cgroup/user.slice/memory.current", GiB.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Write("cgroup/user.slice/session-1.scope/memory.max", "max");

        var memory = Probe().Read();

        Assert.Equal(4 * GiB, memory.TotalBytes);
        Assert.Equal(3 * GiB, memory.AvailableBytes);
    }

    [Fact]
    public void Read_CgroupV1_ReportsMeminfoOnly()
    {
        WriteMeminfo(totalKb: 16_000_000, availableKb: 1_000_000);
        Write("proc/self/cgroup", "12:memory:/docker/abc\n11:cpu:/docker/abc\n");

        var memory = Probe().Read();

        Assert.Equal(16_000_000L * 1024, memory.TotalBytes);
        Assert.Equal(1_000_000L * 1024, memory.AvailableBytes);
    }

    [Fact]
    public void Read_OldKernelWithoutMemAvailable_AddsFreeAndCached()
    {
        Write("proc/meminfo", "MemTotal:        8000000 kB\nMemFree:         1000000 kB\nBuffers:           10000 kB\nCached:          2000000 kB\n");

        var memory = Probe().Read();

        Assert.Equal(3_000_000L * 1024, memory.AvailableBytes);
    }

    [Fact]
    public void Read_NoMeminfo_IsUnknownWithTheReason()
    {
        var memory = Probe().Read();

        Assert.Null(memory.TotalBytes);
        Assert.Null(memory.AvailableBytes);
        Assert.Contains("meminfo", memory.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThisMachine_FindsSomeMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var memory = new LinuxMemoryProbe().Read();

        Assert.True(memory.TotalBytes > 0);
        Assert.InRange(memory.AvailableBytes!.Value, 1, memory.TotalBytes!.Value);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private LinuxMemoryProbe Probe() => new(Proc, Cgroup);

    private void WriteMeminfo(long totalKb, long availableKb) =>
        Write("proc/meminfo", $"MemTotal:       {totalKb} kB\nMemFree:         1234 kB\nMemAvailable:   {availableKb} kB\nBuffers:          100 kB\n");

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
