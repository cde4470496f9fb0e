namespace Oprel.Rpc;

/// <summary>
/// A piece of generated text. The last chunk of a generation has <see cref="Done"/> set and carries the counts
/// and timings (nanoseconds).
/// </summary>
internal sealed record GenerationChunk
{
    public string Text { get; init; } = "";
    public bool Done { get; init; }

    /// <summary>"stop" (end token or stop sequence), "length" (token limit or full context) or "cancel".</summary>
    public string? DoneReason { get; init; }

    public int PromptTokens { get; init; }

    /// <summary>Prompt tokens that came from the cache instead of being evaluated again.</summary>
    public int CachedPromptTokens { get; init; }

    public int GeneratedTokens { get; init; }
    public long PromptEvalDurationNs { get; init; }
    public long EvalDurationNs { get; init; }

    /// <summary>On the wire, in the final chunk: how many chunks were sent before it (see <see cref="IWorkerRpc"/>).</summary>
    public int ChunksBefore { get; init; }
}
