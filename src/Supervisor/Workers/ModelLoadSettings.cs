namespace Oprel.Supervisor.Workers;

/// <summary>Everything that decides how a worker loads a model; a request that needs other settings reloads it.</summary>
internal sealed record ModelLoadSettings(
    string ModelPath,
    int ContextSize,
    int Threads,
    int BatchSize,
    int GpuLayers,
    int Parallel,
    string? NativeLibraryDirectory)
{
    /// <summary>Map the model file (true) or read it into the worker's memory (Ollama's use_mmap).</summary>
    public bool MemoryMap { get; init; } = true;

    /// <summary>The watchdog kills the worker when its resident memory passes this; null for no limit.</summary>
    public long? MemoryLimitBytes { get; init; }
}
