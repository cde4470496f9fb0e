using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>One NDJSON line of /api/generate (or the whole answer with "stream": false).</summary>
internal sealed record OllamaGenerateResponse : OllamaCompletionStats
{
    [JsonPropertyName("response")] public string Response { get; init; } = "";
}
