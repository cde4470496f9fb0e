using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>A request that names one model: POST /api/show, DELETE /api/delete.</summary>
internal sealed record OllamaModelRequest
{
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary>Older clients send "name" instead of "model".</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("verbose")] public bool? Verbose { get; init; }

    [JsonIgnore] public string? ModelOrName => string.IsNullOrWhiteSpace(Model) ? Name : Model;
}
