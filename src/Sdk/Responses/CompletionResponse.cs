using System.Text.Json.Serialization;

namespace Oprel;

/// <summary>The fields every generation response has: the model, the time, and, on the last one, counts and timings (nanoseconds).</summary>
public abstract record CompletionResponse : ApiResponse
{
    /// <summary>The model that answered.</summary>
    [JsonPropertyName("model")]
    public string Model { get; init; } = "";

    /// <summary>When this piece was produced (UTC).</summary>
    [JsonPropertyName("created_at")]
    public DateTime CreatedAt { get; init; }

    /// <summary>True on the last piece of an answer.</summary>
    [JsonPropertyName("done")]
    public bool Done { get; init; }

    /// <summary>Why generation ended: "stop", "length", "load" or "unload".</summary>
    [JsonPropertyName("done_reason")]
    public string? DoneReason { get; init; }

    /// <summary>Whole request time in nanoseconds.</summary>
    [JsonPropertyName("total_duration")]
    public long? TotalDuration { get; init; }

    /// <summary>Time spent loading the model, in nanoseconds.</summary>
    [JsonPropertyName("load_duration")]
    public long? LoadDuration { get; init; }

    /// <summary>Prompt tokens evaluated (cached ones excluded).</summary>
    [JsonPropertyName("prompt_eval_count")]
    public int? PromptEvalCount { get; init; }

    /// <summary>Time spent reading the prompt, in nanoseconds.</summary>
    [JsonPropertyName("prompt_eval_duration")]
    public long? PromptEvalDuration { get; init; }

    /// <summary>Tokens generated.</summary>
    [JsonPropertyName("eval_count")]
    public int? EvalCount { get; init; }

    /// <summary>Time spent generating, in nanoseconds.</summary>
    [JsonPropertyName("eval_duration")]
    public long? EvalDuration { get; init; }
}
