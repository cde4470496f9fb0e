using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>The answer of POST /v1/completions (object "text_completion"), or one server-sent event of its stream.</summary>
internal sealed record OpenAiCompletion
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("object")] public string Object { get; init; } = "text_completion";
    [JsonPropertyName("created")] public required long Created { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("system_fingerprint")] public required string SystemFingerprint { get; init; }
    [JsonPropertyName("choices")] public required IReadOnlyList<OpenAiCompletionChoice> Choices { get; init; }

    /// <summary>Always without streaming; in a stream only on the last chunk, with "stream_options": {"include_usage": true}.</summary>
    [JsonPropertyName("usage")] public OpenAiUsage? Usage { get; init; }
}
