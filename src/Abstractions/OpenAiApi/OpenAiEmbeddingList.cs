using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>The answer of POST /v1/embeddings.</summary>
internal sealed record OpenAiEmbeddingList
{
    [JsonPropertyName("object")] public string Object { get; init; } = "list";
    [JsonPropertyName("data")] public required IReadOnlyList<OpenAiEmbedding> Data { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("usage")] public required OpenAiEmbeddingUsage Usage { get; init; }
}
