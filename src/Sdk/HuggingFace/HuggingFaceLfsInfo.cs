using System.Text.Json.Serialization;

namespace Oprel.HuggingFace;

/// <summary>The "lfs" object of a tree entry: the SHA-256 (oid) and size of a file stored in LFS.</summary>
internal sealed record HuggingFaceLfsInfo(
    [property: JsonPropertyName("oid")] string? Oid,
    [property: JsonPropertyName("size")] long? Size);
