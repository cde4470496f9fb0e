using Oprel.Hardware;

namespace Oprel.Sdk.Tests.Hardware;

/// <summary>/proc/cpuinfo and nvidia-smi parsing, and the probe on this machine.</summary>
public sealed class CpuAndGpuProbeTests
{
    private const string Cpuinfo =
        """
        processor	: 0
        model name	: Test CPU @ 3.00GHz
        physical id	: 0
        core id		: 0
        flags		: fpu sse avx avx2 fma
        
        processor	: 1
        model name	: Test CPU @ 3.00GHz
        physical id	: 0
        core id		: 0
        flags		: fpu sse avx avx2 fma
        
        processor	: 2
        model name	: Test CPU @ 3.00GHz
        physical id	: 0
        core id		: 1
        flags		: fpu sse avx avx2 fma
        
        processor	: 3
        model name	: Test CPU @ 3.00GHz
        physical id	: 0
        core id		: 1
        flags		: fpu sse avx avx2 fma
        """;

    [Fact]
    public void ParseCpuinfo_HyperThreadedCores_CountsPhysicalCoresAndFlags()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Cpuinfo);

            var cpu = CpuProbe.ParseCpuinfo(path, logicalCores: 4)!;

            Assert.Equal(4, cpu.LogicalCores);
            Assert.Equal(2, cpu.PhysicalCores);
            Assert.Equal("Test CPU @ 3.00GHz", cpu.ModelName);
            Assert.True(cpu.Avx);
            Assert.True(cpu.Avx2);
            Assert.False(cpu.Avx512);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ParseCpuinfo_MissingFile_IsNull()
    {
        Assert.Null(CpuProbe.ParseCpuinfo(Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}"), 4));
    }

    [Fact]
    public void Parse_NvidiaSmiCsv_ReadsEveryGpuInBytes()
    {
        var gpus = NvidiaSmiGpuProbe.Parse("0, NVIDIA H100 80GB HBM3, 81559, 80000\n1, Tesla T4, 15360, 15000\nnot a gpu line\n");

        Assert.Equal(2, gpus.Count);
        Assert.Equal(new GpuInfo(0, "NVIDIA H100 80GB HBM3", 81559L * 1024 * 1024, 80000L * 1024 * 1024, "nvidia-smi"), gpus[0]);
        Assert.Equal("Tesla T4", gpus[1].Name);
        Assert.Equal(15000L * 1024 * 1024, gpus[1].FreeBytes);
    }

    [Fact]
    public async Task ProbeAsync_ThisMachine_ReportsCoresMemoryAndWhyGpusAreMissing()
    {
        var hardware = await new HardwareProbe().ProbeAsync(CancellationToken.None);

        Assert.True(hardware.Cpu.LogicalCores >= 1);
        Assert.False(string.IsNullOrWhiteSpace(hardware.OperatingSystem));
        if (hardware.Gpus.Count == 0)
        {
            Assert.Contains(hardware.Notes, n => n.StartsWith("GPUs:", StringComparison.Ordinal));
        }
        else
        {
            Assert.All(hardware.Gpus, g => Assert.InRange(g.FreeBytes, 0, g.TotalBytes));
        }
    }
}
