using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>"details" of a model in /api/tags and /api/show.</summary>
internal sealed record OllamaModelDetails
{
    [JsonPropertyName("parent_model")] public string ParentModel { get; init; } = "";
    [JsonPropertyName("format")] public string Format { get; init; } = "gguf";
    [JsonPropertyName("family")] public string Family { get; init; } = "";
    [JsonPropertyName("families")] public IReadOnlyList<string> Families { get; init; } = [];
    [JsonPropertyName("parameter_size")] public string ParameterSize { get; init; } = "";
    [JsonPropertyName("quantization_level")] public string QuantizationLevel { get; init; } = "";
}
