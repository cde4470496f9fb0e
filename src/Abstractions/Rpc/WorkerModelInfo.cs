namespace Oprel.Rpc;

/// <summary>What a worker reports once its model is loaded.</summary>
internal sealed record WorkerModelInfo
{
    public required int ProcessId { get; init; }
    public required string ModelPath { get; init; }
    public required int ContextSize { get; init; }
    public required int VocabularySize { get; init; }
    public required long ParameterCount { get; init; }
    public required long SizeBytes { get; init; }
    public required long LoadDurationNs { get; init; }
    public required string Description { get; init; }

    /// <summary>Processor the layers run on, e.g. "100% CPU".</summary>
    public required string Processor { get; init; }

    public required int GpuLayers { get; init; }

    public bool HasChatTemplate { get; init; }

    /// <summary>The model's chat template knows about tools (Ollama's "tools" capability).</summary>
    public bool SupportsTools { get; init; }

    /// <summary>The model's chat template text, for /api/show.</summary>
    public string? ChatTemplate { get; init; }
}
