using Oprel.Hardware;

namespace Oprel.Planning;

/// <summary>Where a model may live: system memory, GPU memory for offloaded layers, and an overall cap.</summary>
/// <param name="RamBytes">System memory that can be had now (available RAM within cgroup limits); null when unknown.</param>
/// <param name="VramBytes">Free GPU memory for offloaded layers; 0 without a usable GPU.</param>
/// <param name="CapBytes">maxMemoryMb / default_max_memory_mb, when set: the most the model's weights, KV cache and compute buffers may take.</param>
/// <param name="GpuOffload">True when layers can go to a GPU (one was found and a GPU build of llama.cpp is in use).</param>
internal sealed record MemoryBudget(long? RamBytes, long VramBytes, long? CapBytes, bool GpuOffload)
{
    /// <summary>
    /// The budget on this hardware: available RAM (the total when availability is unknown), the free memory of all
    /// GPUs when <paramref name="gpuOffload"/>, and <paramref name="maxMemoryMb"/> as a cap.
    /// </summary>
    public static MemoryBudget From(HardwareInfo hardware, int? maxMemoryMb, bool gpuOffload)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        var ram = hardware.Memory.AvailableBytes ?? hardware.Memory.TotalBytes;
        var vram = gpuOffload ? hardware.FreeVramBytes : 0;
        long? cap = maxMemoryMb is > 0 ? maxMemoryMb.Value * 1024L * 1024 : null;
        return new MemoryBudget(ram, vram, cap, gpuOffload && vram > 0);
    }

    /// <summary>"available RAM 6.2 GB, free VRAM 20.1 GB, max_memory_mb 4096".</summary>
    public string Describe()
    {
        var parts = new List<string> { RamBytes is { } ram ? $"available RAM {ByteSize.Format(ram)}" : "available RAM unknown" };
        if (GpuOffload)
        {
            parts.Add($"free VRAM {ByteSize.Format(VramBytes)}");
        }

        if (CapBytes is { } cap)
        {
            parts.Add($"max_memory_mb {cap / (1024 * 1024)}");
        }

        return string.Join(", ", parts);
    }
}
