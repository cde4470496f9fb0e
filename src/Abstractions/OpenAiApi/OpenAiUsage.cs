using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>Token counts of a completion.</summary>
internal sealed record OpenAiUsage
{
    [JsonPropertyName("prompt_tokens")] public int PromptTokens { get; init; }
    [JsonPropertyName("completion_tokens")] public int CompletionTokens { get; init; }
    [JsonPropertyName("total_tokens")] public int TotalTokens { get; init; }
}
