using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>The body of POST /v1/embeddings.</summary>
internal sealed record OpenAiEmbeddingRequest
{
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary>A string or an array of strings.</summary>
    [JsonPropertyName("input")] public JsonElement? Input { get; init; }

    /// <summary>"float" (the default) or "base64": little-endian float32 values, base64-encoded.</summary>
    [JsonPropertyName("encoding_format")] public string? EncodingFormat { get; init; }

    /// <summary>Keeps the first this many values of each vector, normalised again.</summary>
    [JsonPropertyName("dimensions")] public int? Dimensions { get; init; }

    [JsonPropertyName("user")] public string? User { get; init; }
}
