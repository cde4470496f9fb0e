using System.Runtime.InteropServices;

namespace Oprel.Hardware;

/// <summary>NVML's nvmlMemory_t: total, free and used bytes of one GPU.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlMemory
{
    public ulong Total;
    public ulong Free;
    public ulong Used;
}
