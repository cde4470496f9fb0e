using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>One server-sent event of a streamed chat completion (object "chat.completion.chunk").</summary>
internal sealed record OpenAiChatCompletionChunk
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("object")] public string Object { get; init; } = "chat.completion.chunk";
    [JsonPropertyName("created")] public required long Created { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("system_fingerprint")] public required string SystemFingerprint { get; init; }
    [JsonPropertyName("choices")] public required IReadOnlyList<OpenAiChatChunkChoice> Choices { get; init; }

    /// <summary>Only on the last chunk, with "stream_options": {"include_usage": true}.</summary>
    [JsonPropertyName("usage")] public OpenAiUsage? Usage { get; init; }
}
