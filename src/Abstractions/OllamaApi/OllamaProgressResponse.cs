using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>One progress line of /api/pull: a status, and for a file being downloaded its digest, size and bytes done.</summary>
internal sealed record OllamaProgressResponse
{
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("digest")] public string? Digest { get; init; }
    [JsonPropertyName("total")] public long? Total { get; init; }
    [JsonPropertyName("completed")] public long? Completed { get; init; }
}
