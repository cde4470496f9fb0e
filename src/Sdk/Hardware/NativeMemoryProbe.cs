using System.Runtime.InteropServices;

namespace Oprel.Hardware;

/// <summary>Memory on Windows (GlobalMemoryStatusEx) and macOS (sysctl hw.memsize; free memory is not asked there).</summary>
internal static unsafe class NativeMemoryProbe
{
    public static MemoryInfo ReadWindows()
    {
        if (!NativeLibrary.TryLoad("kernel32.dll", out var kernel32))
        {
            return MemoryInfo.Unknown("kernel32.dll cannot be loaded");
        }

        try
        {
            if (!NativeLibrary.TryGetExport(kernel32, "GlobalMemoryStatusEx", out var function))
            {
                return MemoryInfo.Unknown("GlobalMemoryStatusEx is missing");
            }

            var status = new MemoryStatusEx { Length = (uint)sizeof(MemoryStatusEx) };
            return ((delegate* unmanaged<MemoryStatusEx*, int>)function)(&status) != 0
                ? new MemoryInfo((long)status.TotalPhys, (long)status.AvailPhys, null, "GlobalMemoryStatusEx")
                : MemoryInfo.Unknown("GlobalMemoryStatusEx failed");
        }
        finally
        {
            NativeLibrary.Free(kernel32);
        }
    }

    public static MemoryInfo ReadMacOs()
    {
        if (!NativeLibrary.TryLoad("libc", typeof(NativeMemoryProbe).Assembly, null, out var libc)
            && !NativeLibrary.TryLoad("/usr/lib/libSystem.dylib", out libc))
        {
            return MemoryInfo.Unknown("libSystem cannot be loaded");
        }

        try
        {
            if (!NativeLibrary.TryGetExport(libc, "sysctlbyname", out var sysctlbyname))
            {
                return MemoryInfo.Unknown("sysctlbyname is missing");
            }

            ulong total = 0;
            nuint size = sizeof(ulong);
            var name = "hw.memsize\0"u8;
            fixed (byte* namePointer = name)
            {
                var status = ((delegate* unmanaged<byte*, void*, nuint*, void*, nuint, int>)sysctlbyname)(namePointer, &total, &size, null, 0);
                return status == 0
                    ? new MemoryInfo((long)total, null, null, "sysctl hw.memsize (free memory unknown)")
                    : MemoryInfo.Unknown("sysctl hw.memsize failed");
            }
        }
        finally
        {
            NativeLibrary.Free(libc);
        }
    }
}
