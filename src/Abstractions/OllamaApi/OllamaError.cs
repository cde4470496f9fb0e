using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>Ollama's error body, also the last NDJSON line of a stream that failed.</summary>
internal sealed record OllamaError([property: JsonPropertyName("error")] string Error);
