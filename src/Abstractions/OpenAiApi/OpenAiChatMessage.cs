using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>A message of a chat completion request.</summary>
internal sealed record OpenAiChatMessage
{
    /// <summary>system, developer, user, assistant or tool.</summary>
    [JsonPropertyName("role")] public string? Role { get; init; }

    /// <summary>A string, an array of content parts (<c>{"type":"text","text":…}</c>, <c>{"type":"image_url",…}</c>), or null for an assistant's tool calls.</summary>
    [JsonPropertyName("content")] public JsonElement? Content { get; init; }

    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("tool_calls")] public JsonElement? ToolCalls { get; init; }
    [JsonPropertyName("tool_call_id")] public string? ToolCallId { get; init; }
}
