using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>The answer of a chat completion without streaming (object "chat.completion").</summary>
internal sealed record OpenAiChatCompletion
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("object")] public string Object { get; init; } = "chat.completion";
    [JsonPropertyName("created")] public required long Created { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("system_fingerprint")] public required string SystemFingerprint { get; init; }
    [JsonPropertyName("choices")] public required IReadOnlyList<OpenAiChatChoice> Choices { get; init; }
    [JsonPropertyName("usage")] public required OpenAiUsage Usage { get; init; }
}
