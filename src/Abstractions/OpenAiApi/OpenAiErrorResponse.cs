using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>OpenAI's error body, also the last server-sent event of a stream that failed.</summary>
internal sealed record OpenAiErrorResponse([property: JsonPropertyName("error")] OpenAiError Error);
