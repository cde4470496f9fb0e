using System.Text.Json.Serialization;

namespace Oprel;

/// <summary>A model in <see cref="ListResponse"/>.</summary>
public sealed record ModelInfo
{
    /// <summary>Its name, e.g. "tiny:latest".</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>Its name again (Ollama sends both).</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>When it was stored or last changed.</summary>
    [JsonPropertyName("modified_at")]
    public DateTime ModifiedAt { get; init; }

    /// <summary>Size on disk in bytes.</summary>
    [JsonPropertyName("size")]
    public long Size { get; init; }

    /// <summary>The sha256 digest of its weights.</summary>
    [JsonPropertyName("digest")]
    public string? Digest { get; init; }

    /// <summary>Format, family, size and quantization.</summary>
    [JsonPropertyName("details")]
    public ModelDetails? Details { get; init; }
}
