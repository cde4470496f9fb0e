namespace Oprel.Rpc;

/// <summary>What a worker needs to load a model.</summary>
internal sealed record WorkerLoadRequest
{
    public required string ModelPath { get; init; }

    /// <summary>The name the model is known by, for logs and errors.</summary>
    public required string ModelName { get; init; }

    public int ContextSize { get; init; } = 4096;

    /// <summary>Generation threads; 0 chooses the number of physical cores.</summary>
    public int Threads { get; init; }

    public int BatchSize { get; init; } = 512;

    public int GpuLayers { get; init; }

    /// <summary>How many sequences may decode together in one batch.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>
    /// Map the model file into memory (llama.cpp's default) rather than read it into memory of the worker's own.
    /// </summary>
    public bool MemoryMap { get; init; } = true;

    /// <summary>A folder of native llama.cpp libraries to load instead of the packaged CPU build.</summary>
    public string? NativeLibraryDirectory { get; init; }
}
