using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Oprel;

/// <summary>The answer of <c>Show</c>: how a model is made and what it can do.</summary>
public sealed record ShowResponse : ApiResponse
{
    /// <summary>The model's Modelfile.</summary>
    [JsonPropertyName("modelfile")]
    public string Modelfile { get; init; } = "";

    /// <summary>Its parameters, one per line ("temperature 0.7").</summary>
    [JsonPropertyName("parameters")]
    public string Parameters { get; init; } = "";

    /// <summary>Its chat template.</summary>
    [JsonPropertyName("template")]
    public string Template { get; init; } = "";

    /// <summary>Its system prompt, if it has one.</summary>
    [JsonPropertyName("system")]
    public string? System { get; init; }

    /// <summary>Format, family, size and quantization.</summary>
    [JsonPropertyName("details")]
    public ModelDetails? Details { get; init; }

    /// <summary>The GGUF metadata ("general.architecture", "llama.context_length", …).</summary>
    [JsonPropertyName("model_info")]
    public JsonObject? ModelInfo { get; init; }

    /// <summary>What it can do: "completion", "tools", "embedding", "vision", "insert", "thinking".</summary>
    [JsonPropertyName("capabilities")]
    public IReadOnlyList<string>? Capabilities { get; init; }
}
