using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>The body of POST /api/generate.</summary>
internal sealed record OllamaGenerateRequest
{
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }
    [JsonPropertyName("system")] public string? System { get; init; }
    [JsonPropertyName("template")] public string? Template { get; init; }
    [JsonPropertyName("raw")] public bool? Raw { get; init; }
    [JsonPropertyName("stream")] public bool? Stream { get; init; }
    [JsonPropertyName("images")] public IReadOnlyList<string>? Images { get; init; }
    [JsonPropertyName("format")] public JsonElement? Format { get; init; }
    [JsonPropertyName("keep_alive")] public JsonElement? KeepAlive { get; init; }
    [JsonPropertyName("options")] public OllamaOptions? Options { get; init; }
    [JsonPropertyName("think")] public JsonElement? Think { get; init; }
}
