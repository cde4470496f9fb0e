using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>A choice of a chat completion: the assistant's whole message.</summary>
internal sealed record OpenAiChatChoice
{
    [JsonPropertyName("index")] public int Index { get; init; }
    [JsonPropertyName("message")] public required OpenAiAssistantMessage Message { get; init; }

    /// <summary>"stop", "length" or "tool_calls".</summary>
    [JsonPropertyName("finish_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}
