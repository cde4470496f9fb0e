using System.Runtime.InteropServices;
using System.Text;

namespace Oprel.Hardware;

/// <summary>
/// Lists NVIDIA GPUs and their free memory through NVML, the driver's management library (libnvidia-ml.so.1 on
/// Linux, nvml.dll on Windows), loaded at run time so that a machine without the driver simply has no GPUs.
/// </summary>
internal static unsafe class NvmlGpuProbe
{
    private const int Success = 0;
    private const int NameLength = 96;
    private static readonly string[] LibraryNames = OperatingSystem.IsWindows() ? ["nvml.dll"] : ["libnvidia-ml.so.1", "libnvidia-ml.so"];

    /// <summary>The GPUs NVML reports, or null with the reason when NVML cannot be used.</summary>
    public static IReadOnlyList<GpuInfo>? TryList(out string? reason)
    {
        if (!TryLoad(out var library))
        {
            reason = "NVML (libnvidia-ml.so.1) is not installed";
            return null;
        }

        try
        {
            if (!NativeLibrary.TryGetExport(library, "nvmlInit_v2", out var init)
                || !NativeLibrary.TryGetExport(library, "nvmlShutdown", out var shutdown)
                || !NativeLibrary.TryGetExport(library, "nvmlDeviceGetCount_v2", out var getCount)
                || !NativeLibrary.TryGetExport(library, "nvmlDeviceGetHandleByIndex_v2", out var getHandle)
                || !NativeLibrary.TryGetExport(library, "nvmlDeviceGetMemoryInfo", out var getMemory)
                || !NativeLibrary.TryGetExport(library, "nvmlDeviceGetName", out var getName))
            {
                reason = "NVML lacks the functions Oprel needs (driver too old)";
                return null;
            }

            var status = ((delegate* unmanaged<int>)init)();
            if (status != Success)
            {
                reason = $"NVML did not start (error {status}); is the NVIDIA driver loaded?";
                return null;
            }

            try
            {
                uint count;
                status = ((delegate* unmanaged<uint*, int>)getCount)(&count);
                if (status != Success)
                {
                    reason = $"NVML could not count the GPUs (error {status})";
                    return null;
                }

                var gpus = new List<GpuInfo>((int)count);
                var nameBytes = stackalloc byte[NameLength];
                for (uint i = 0; i < count; i++)
                {
                    nint device;
                    if (((delegate* unmanaged<uint, nint*, int>)getHandle)(i, &device) != Success)
                    {
                        continue;
                    }

                    NvmlMemory memory;
                    if (((delegate* unmanaged<nint, NvmlMemory*, int>)getMemory)(device, &memory) != Success)
                    {
                        continue;
                    }

                    var name = ((delegate* unmanaged<nint, byte*, uint, int>)getName)(device, nameBytes, NameLength) == Success
                        ? Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(nameBytes))
                        : $"GPU {i}";
                    gpus.Add(new GpuInfo((int)i, name, (long)memory.Total, (long)memory.Free, "NVML"));
                }

                reason = null;
                return gpus;
            }
            finally
            {
                _ = ((delegate* unmanaged<int>)shutdown)();
            }
        }
        finally
        {
            NativeLibrary.Free(library);
        }
    }

    private static bool TryLoad(out nint library)
    {
        foreach (var name in LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out library))
            {
                return true;
            }
        }

        library = 0;
        return false;
    }
}
