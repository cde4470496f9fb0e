using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>A choice of a text completion: the text, or the piece of it a chunk carries.</summary>
internal sealed record OpenAiCompletionChoice
{
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("index")] public int Index { get; init; }

    /// <summary>null until the last chunk, then "stop" or "length".</summary>
    [JsonPropertyName("finish_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}
