using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>The counts and timings (nanoseconds) on the final chunk of a generation.</summary>
internal abstract record OllamaCompletionStats
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("created_at")] public required DateTime CreatedAt { get; init; }
    [JsonPropertyName("done")] public bool Done { get; init; }
    [JsonPropertyName("done_reason")] public string? DoneReason { get; init; }
    [JsonPropertyName("total_duration")] public long? TotalDuration { get; init; }
    [JsonPropertyName("load_duration")] public long? LoadDuration { get; init; }
    [JsonPropertyName("prompt_eval_count")] public int? PromptEvalCount { get; init; }
    [JsonPropertyName("prompt_eval_duration")] public long? PromptEvalDuration { get; init; }
    [JsonPropertyName("eval_count")] public int? EvalCount { get; init; }
    [JsonPropertyName("eval_duration")] public long? EvalDuration { get; init; }
}
