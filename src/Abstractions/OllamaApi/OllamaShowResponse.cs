using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>The body of POST /api/show.</summary>
internal sealed record OllamaShowResponse
{
    [JsonPropertyName("modelfile")] public required string Modelfile { get; init; }
    [JsonPropertyName("parameters")] public required string Parameters { get; init; }
    [JsonPropertyName("template")] public required string Template { get; init; }
    [JsonPropertyName("system")] public string? System { get; init; }
    [JsonPropertyName("details")] public required OllamaModelDetails Details { get; init; }
    [JsonPropertyName("model_info")] public required JsonObject ModelInfo { get; init; }
    [JsonPropertyName("capabilities")] public required IReadOnlyList<string> Capabilities { get; init; }
    [JsonPropertyName("modified_at")] public DateTime ModifiedAt { get; init; }
}
