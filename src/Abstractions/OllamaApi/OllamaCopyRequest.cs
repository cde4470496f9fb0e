using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>The body of POST /api/copy.</summary>
internal sealed record OllamaCopyRequest
{
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("destination")] public string? Destination { get; init; }
}
