using System.Text.Json.Serialization;

namespace Oprel.Store;

/// <summary>One file of a model: its content address, size and the name it had where it came from (shards keep their order).</summary>
internal sealed record ManifestFile(
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("name")] string Name);
