namespace Oprel.Rpc;

/// <summary>One L2-normalised vector per input, and the tokens read.</summary>
internal sealed record EmbeddingResult(IReadOnlyList<float[]> Embeddings, int PromptTokens, long DurationNs);
