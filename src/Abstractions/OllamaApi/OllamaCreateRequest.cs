using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>The body of POST /api/create: from an existing model or uploaded GGUF blobs, or an older client's Modelfile text.</summary>
internal sealed record OllamaCreateRequest
{
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("from")] public string? From { get; init; }
    [JsonPropertyName("files")] public IReadOnlyDictionary<string, string>? Files { get; init; }
    [JsonPropertyName("modelfile")] public string? Modelfile { get; init; }
    [JsonPropertyName("system")] public string? System { get; init; }
    [JsonPropertyName("template")] public string? Template { get; init; }
    [JsonPropertyName("parameters")] public IReadOnlyDictionary<string, JsonElement>? Parameters { get; init; }
    [JsonPropertyName("quantize")] public string? Quantize { get; init; }
    [JsonPropertyName("stream")] public bool? Stream { get; init; }

    [JsonIgnore] public string? ModelOrName => string.IsNullOrWhiteSpace(Model) ? Name : Model;
}
