namespace Oprel.Hardware;

/// <summary>What the hardware probe found: the system, its CPU, its memory and its GPUs.</summary>
/// <param name="OperatingSystem">A description of the OS, e.g. "Linux 6.8 (x64)".</param>
/// <param name="Cpu">The processor.</param>
/// <param name="Memory">System memory.</param>
/// <param name="Gpus">NVIDIA GPUs (empty when none was found).</param>
/// <param name="Notes">Why something is unknown or missing, for `oprel info`.</param>
internal sealed record HardwareInfo(string OperatingSystem, CpuInfo Cpu, MemoryInfo Memory, IReadOnlyList<GpuInfo> Gpus, IReadOnlyList<string> Notes)
{
    /// <summary>Free memory of every GPU together.</summary>
    public long FreeVramBytes => Gpus.Sum(g => g.FreeBytes);
}
