using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>The assistant's message of a chat completion, or the delta of a chunk (where both fields may be absent).</summary>
internal sealed record OpenAiAssistantMessage
{
    [JsonPropertyName("role")] public string? Role { get; init; }
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("tool_calls")] public IReadOnlyList<OpenAiToolCall>? ToolCalls { get; init; }
}
