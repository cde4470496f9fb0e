using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>A function the assistant called; in a stream's delta, <see cref="Index"/> says which call it extends.</summary>
internal sealed record OpenAiToolCall
{
    [JsonPropertyName("index")] public int? Index { get; init; }
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("type")] public string Type { get; init; } = "function";
    [JsonPropertyName("function")] public required OpenAiFunctionCall Function { get; init; }
}
