using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>One NDJSON line of /api/chat (or the whole answer with "stream": false).</summary>
internal sealed record OllamaChatResponse : OllamaCompletionStats
{
    [JsonPropertyName("message")] public required OllamaMessage Message { get; init; }
}
