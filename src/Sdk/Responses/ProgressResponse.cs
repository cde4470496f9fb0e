using System.Text.Json.Serialization;

namespace Oprel;

/// <summary>Progress of <c>Pull</c> or <c>Create</c>; the last one has Status "success".</summary>
public sealed record ProgressResponse : ApiResponse
{
    /// <summary>What is happening, e.g. "pulling manifest", "downloading …", "success".</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    /// <summary>The blob being downloaded, "sha256:…".</summary>
    [JsonPropertyName("digest")]
    public string? Digest { get; init; }

    /// <summary>Its size in bytes.</summary>
    [JsonPropertyName("total")]
    public long? Total { get; init; }

    /// <summary>Bytes done so far.</summary>
    [JsonPropertyName("completed")]
    public long? Completed { get; init; }
}
