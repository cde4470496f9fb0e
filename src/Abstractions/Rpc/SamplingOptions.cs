namespace Oprel.Rpc;

/// <summary>How the next token is chosen and when generation ends. Defaults are Ollama's.</summary>
internal sealed record SamplingOptions
{
    public float Temperature { get; init; } = 0.8f;
    public int TopK { get; init; } = 40;
    public float TopP { get; init; } = 0.9f;
    public float MinP { get; init; }
    public float RepeatPenalty { get; init; } = 1.1f;
    public int RepeatLastN { get; init; } = 64;
    public float PresencePenalty { get; init; }
    public float FrequencyPenalty { get; init; }

    /// <summary>Random seed; null picks a fresh one per request.</summary>
    public uint? Seed { get; init; }

    /// <summary>Most tokens to generate; -1 means until the context is full.</summary>
    public int NumPredict { get; init; } = -1;

    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>A GBNF grammar the output must follow, or null.</summary>
    public string? Grammar { get; init; }
}
