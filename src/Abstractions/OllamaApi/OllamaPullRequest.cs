using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>The body of POST /api/pull.</summary>
internal sealed record OllamaPullRequest
{
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("insecure")] public bool? Insecure { get; init; }
    [JsonPropertyName("stream")] public bool? Stream { get; init; }

    [JsonIgnore] public string? ModelOrName => string.IsNullOrWhiteSpace(Model) ? Name : Model;
}
