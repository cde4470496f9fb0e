using System.Text.Json.Serialization;

namespace Oprel;

/// <summary>What a model is: format, family, size and quantization.</summary>
public sealed record ModelDetails
{
    /// <summary>File format, "gguf".</summary>
    [JsonPropertyName("format")]
    public string? Format { get; init; }

    /// <summary>Architecture family, e.g. "llama" or "qwen2".</summary>
    [JsonPropertyName("family")]
    public string? Family { get; init; }

    /// <summary>Parameter count in words, e.g. "7.6B".</summary>
    [JsonPropertyName("parameter_size")]
    public string? ParameterSize { get; init; }

    /// <summary>Quantization, e.g. "Q4_K_M".</summary>
    [JsonPropertyName("quantization_level")]
    public string? QuantizationLevel { get; init; }
}
