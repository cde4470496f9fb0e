using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>One input's vector in /v1/embeddings.</summary>
internal sealed record OpenAiEmbedding
{
    [JsonPropertyName("object")] public string Object { get; init; } = "embedding";

    /// <summary>A <c>float[]</c>, or a base64 string of little-endian float32 values with "encoding_format": "base64".</summary>
    [JsonPropertyName("embedding")] public required object Embedding { get; init; }

    [JsonPropertyName("index")] public int Index { get; init; }
}
