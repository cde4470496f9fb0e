using System.Text.Json.Serialization;

namespace Oprel.HuggingFace;

/// <summary>One result of GET /api/models?search=…</summary>
internal sealed record HuggingFaceModelInfo
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("downloads")]
    public long? Downloads { get; init; }

    [JsonPropertyName("likes")]
    public long? Likes { get; init; }

    [JsonPropertyName("lastModified")]
    public DateTimeOffset? LastModified { get; init; }
}
