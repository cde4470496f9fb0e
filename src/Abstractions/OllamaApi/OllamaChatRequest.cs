using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>The body of POST /api/chat.</summary>
internal sealed record OllamaChatRequest
{
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("messages")] public IReadOnlyList<OllamaMessage>? Messages { get; init; }
    [JsonPropertyName("stream")] public bool? Stream { get; init; }
    [JsonPropertyName("format")] public JsonElement? Format { get; init; }
    [JsonPropertyName("keep_alive")] public JsonElement? KeepAlive { get; init; }
    [JsonPropertyName("options")] public OllamaOptions? Options { get; init; }
    [JsonPropertyName("think")] public JsonElement? Think { get; init; }

    /// <summary>Function definitions the model may call: <c>[{"type": "function", "function": {"name", "description", "parameters"}}]</c>.</summary>
    [JsonPropertyName("tools")] public JsonElement? Tools { get; init; }
}
