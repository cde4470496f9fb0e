namespace Oprel;

/// <summary>Per-request model options of the Ollama-style API (Ollama's "options"); null fields keep the server's defaults.</summary>
public sealed record GenerationOptions
{
    /// <summary>Sampling temperature, 0–2; 0 always picks the likeliest token.</summary>
    public float? Temperature { get; init; }

    /// <summary>Nucleus sampling threshold, 0–1.</summary>
    public float? TopP { get; init; }

    /// <summary>Sample only among the K likeliest tokens.</summary>
    public int? TopK { get; init; }

    /// <summary>Drop tokens less likely than this fraction of the likeliest one.</summary>
    public float? MinP { get; init; }

    /// <summary>Most tokens to generate (Ollama's num_predict); -1 for no limit.</summary>
    public int? NumPredict { get; init; }

    /// <summary>Context window in tokens.</summary>
    public int? NumCtx { get; init; }

    /// <summary>Random seed, for repeatable answers.</summary>
    public int? Seed { get; init; }

    /// <summary>Generation stops before any of these strings.</summary>
    public IReadOnlyList<string>? Stop { get; init; }

    /// <summary>Penalty for repeating recent tokens (1 is none).</summary>
    public float? RepeatPenalty { get; init; }

    /// <summary>How many recent tokens the repeat penalty looks at.</summary>
    public int? RepeatLastN { get; init; }

    /// <summary>Penalty for tokens that appeared at all.</summary>
    public float? PresencePenalty { get; init; }

    /// <summary>Penalty growing with how often a token appeared.</summary>
    public float? FrequencyPenalty { get; init; }

    internal OllamaApi.OllamaOptions ToWire() => new()
    {
        Temperature = Temperature,
        TopP = TopP,
        TopK = TopK,
        MinP = MinP,
        NumPredict = NumPredict,
        NumCtx = NumCtx,
        Seed = Seed,
        Stop = Stop,
        RepeatPenalty = RepeatPenalty,
        RepeatLastN = RepeatLastN,
        PresencePenalty = PresencePenalty,
        FrequencyPenalty = FrequencyPenalty,
    };
}
