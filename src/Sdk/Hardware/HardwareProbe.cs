using System.Runtime.InteropServices;

namespace Oprel.Hardware;

/// <summary>
/// Probes this machine: CPU and its vector extensions, memory (Linux: /proc/meminfo within cgroup v2 limits;
/// Windows and macOS: their system calls), and NVIDIA GPUs through NVML, with `nvidia-smi` as a fallback. Results
/// are kept for <see cref="CacheDuration"/>, since free memory changes but probing on every request is wasteful.
/// </summary>
internal sealed class HardwareProbe(TimeProvider time) : IHardwareProbe
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HardwareInfo Info, DateTimeOffset At)? _last;

    public HardwareProbe()
        : this(TimeProvider.System)
    {
    }

    public async Task<HardwareInfo> ProbeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < CacheDuration)
            {
                return last.Info;
            }

            var info = await ProbeNowAsync(cancellationToken).ConfigureAwait(false);
            _last = (info, time.GetUtcNow());
            return info;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<HardwareInfo> ProbeNowAsync(CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var cpu = new CpuProbe().Read();
        var memory = ReadMemory();
        if (memory.TotalBytes is null)
        {
            notes.Add($"memory: unknown ({memory.Source})");
        }
        else if (memory.AvailableBytes is null)
        {
            notes.Add("available memory: unknown; the memory budget uses the total");
        }

        var gpus = NvmlGpuProbe.TryList(out var nvmlReason);
        if (gpus is null)
        {
            gpus = await NvidiaSmiGpuProbe.TryListAsync(cancellationToken).ConfigureAwait(false);
            if (gpus is null)
            {
                notes.Add($"GPUs: none found ({nvmlReason}; nvidia-smi did not answer)");
                gpus = [];
            }
        }
        else if (gpus.Count == 0)
        {
            notes.Add("GPUs: NVML found no NVIDIA GPU");
        }

        var os = $"{RuntimeInformation.OSDescription.Trim()} ({RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()})";
        return new HardwareInfo(os, cpu, memory, gpus, notes);
    }

    private static MemoryInfo ReadMemory()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxMemoryProbe().Read();
        }

        if (OperatingSystem.IsWindows())
        {
            return NativeMemoryProbe.ReadWindows();
        }

        return OperatingSystem.IsMacOS() ? NativeMemoryProbe.ReadMacOs() : MemoryInfo.Unknown($"no memory probe for {RuntimeInformation.OSDescription}");
    }
}
