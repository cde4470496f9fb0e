using System.Text.Json.Serialization;

namespace Oprel.Store;

/// <summary>
/// What the store knows of one model name and tag: the content-addressed blobs that make it up (one GGUF file, or
/// its shards in order) and where they came from. Two names may share blobs; a copy is a new manifest.
/// </summary>
internal sealed record ModelManifest
{
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyName("schema_version")]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The canonical name, e.g. <c>qwencoder:latest</c> or <c>hf.co/owner/repo:q4_k_m</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("format")]
    public string Format { get; init; } = "gguf";

    /// <summary>The quantization of the files (Q4_K_M, …), when known.</summary>
    [JsonPropertyName("quantization")]
    public string? Quantization { get; init; }

    /// <summary>The Hugging Face repository the files came from, if any.</summary>
    [JsonPropertyName("repository")]
    public string? Repository { get; init; }

    /// <summary>The alias it was pulled by, if any.</summary>
    [JsonPropertyName("alias")]
    public string? Alias { get; init; }

    [JsonPropertyName("files")]
    public required IReadOnlyList<ManifestFile> Files { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("last_used_at")]
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>The system prompt a Modelfile's SYSTEM set, or null.</summary>
    [JsonPropertyName("system")]
    public string? System { get; init; }

    /// <summary>A chat template a Modelfile's TEMPLATE set instead of the model's own, or null.</summary>
    [JsonPropertyName("template")]
    public string? Template { get; init; }

    /// <summary>Default options a Modelfile's PARAMETER lines set (Ollama option names), or null.</summary>
    [JsonPropertyName("parameters")]
    public System.Text.Json.Nodes.JsonObject? Parameters { get; init; }

    /// <summary>The model it was created from, or null.</summary>
    [JsonPropertyName("parent")]
    public string? Parent { get; init; }

    [JsonIgnore]
    public long SizeBytes => Files.Sum(f => f.Size);
}
