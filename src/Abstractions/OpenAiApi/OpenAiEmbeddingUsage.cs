using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>Token counts of an embeddings request.</summary>
internal sealed record OpenAiEmbeddingUsage
{
    [JsonPropertyName("prompt_tokens")] public int PromptTokens { get; init; }
    [JsonPropertyName("total_tokens")] public int TotalTokens { get; init; }
}
