using System.Runtime.InteropServices;

namespace Oprel.Hardware;

/// <summary>Windows' MEMORYSTATUSEX, filled by GlobalMemoryStatusEx.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MemoryStatusEx
{
    public uint Length;
    public uint MemoryLoad;
    public ulong TotalPhys;
    public ulong AvailPhys;
    public ulong TotalPageFile;
    public ulong AvailPageFile;
    public ulong TotalVirtual;
    public ulong AvailVirtual;
    public ulong AvailExtendedVirtual;
}
