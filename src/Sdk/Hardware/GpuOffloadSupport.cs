namespace Oprel.Hardware;

/// <summary>
/// Whether llama.cpp here can put layers on a GPU: a folder of native libraries was given (OPREL_BINARY_DIR, how a
/// user brings a CUDA or Vulkan build), or a GPU backend package was built in (-p:OprelGpuBackend=Cuda12 puts its
/// libraries under runtimes/RID/native/cuda12). The packaged CPU build cannot offload, so with it the automatic
/// choice is 0 GPU layers.
/// </summary>
internal static class GpuOffloadSupport
{
    private static readonly string[] GpuBackendFolders = ["cuda11", "cuda12", "cuda13", "vulkan"];

    public static bool IsAvailable(Config config, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!string.IsNullOrEmpty(config.BinaryDir))
        {
            return true;
        }

        var runtimes = Path.Combine(baseDirectory ?? AppContext.BaseDirectory, "runtimes");
        return Directory.Exists(runtimes)
            && Directory.EnumerateDirectories(runtimes)
                .Select(rid => Path.Combine(rid, "native"))
                .Any(native => GpuBackendFolders.Any(gpu => Directory.Exists(Path.Combine(native, gpu))));
    }
}
