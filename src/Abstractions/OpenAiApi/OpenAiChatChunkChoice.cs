using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>The choice of a chat completion chunk: what the assistant's message gained.</summary>
internal sealed record OpenAiChatChunkChoice
{
    [JsonPropertyName("index")] public int Index { get; init; }
    [JsonPropertyName("delta")] public required OpenAiAssistantMessage Delta { get; init; }

    /// <summary>null until the last chunk, then "stop", "length" or "tool_calls".</summary>
    [JsonPropertyName("finish_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}
