using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>A model in GET /api/tags.</summary>
internal sealed record OllamaModelSummary
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("modified_at")] public DateTime ModifiedAt { get; init; }
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("digest")] public string Digest { get; init; } = "";
    [JsonPropertyName("details")] public required OllamaModelDetails Details { get; init; }
}
