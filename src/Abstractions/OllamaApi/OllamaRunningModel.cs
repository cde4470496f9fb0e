using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>A loaded model in GET /api/ps.</summary>
internal sealed record OllamaRunningModel
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("size_vram")] public long SizeVram { get; init; }
    [JsonPropertyName("expires_at")] public DateTime ExpiresAt { get; init; }
    [JsonPropertyName("context_length")] public int ContextLength { get; init; }

    /// <summary>Oprel's addition: the worker's process id.</summary>
    [JsonPropertyName("pid")] public int Pid { get; init; }

    /// <summary>Oprel's addition: "100% CPU", "100% GPU" or a split.</summary>
    [JsonPropertyName("processor")] public string? Processor { get; init; }
}
