using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>The answer of POST /api/embed: one L2-normalised vector per input.</summary>
internal sealed record OllamaEmbedResponse
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("embeddings")] public required IReadOnlyList<float[]> Embeddings { get; init; }
    [JsonPropertyName("total_duration")] public long? TotalDuration { get; init; }
    [JsonPropertyName("load_duration")] public long? LoadDuration { get; init; }
    [JsonPropertyName("prompt_eval_count")] public int? PromptEvalCount { get; init; }
}
