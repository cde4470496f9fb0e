using System.Text.Json.Serialization;

namespace Oprel.HuggingFace;

/// <summary>One entry of GET /api/models/{repo}/tree/main (also of "siblings" with blobs=true).</summary>
internal sealed record HuggingFaceTreeEntry
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>The name "siblings" uses instead of path.</summary>
    [JsonPropertyName("rfilename")]
    public string? FileName { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    [JsonPropertyName("lfs")]
    public HuggingFaceLfsInfo? Lfs { get; init; }
}
