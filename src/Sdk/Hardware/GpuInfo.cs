namespace Oprel.Hardware;

/// <summary>One GPU and its memory.</summary>
/// <param name="Index">The driver's index of the device.</param>
/// <param name="Name">The device's name, e.g. "NVIDIA H100 80GB HBM3".</param>
/// <param name="TotalBytes">Its memory.</param>
/// <param name="FreeBytes">Its memory not in use now.</param>
/// <param name="Source">How it was found: "NVML" or "nvidia-smi".</param>
internal sealed record GpuInfo(int Index, string Name, long TotalBytes, long FreeBytes, string Source);
