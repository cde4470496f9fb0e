using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>The body of POST /v1/completions.</summary>
internal sealed record OpenAiCompletionRequest
{
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary>A string (or an array holding one string).</summary>
    [JsonPropertyName("prompt")] public JsonElement? Prompt { get; init; }

    /// <summary>Accepted and ignored.</summary>
    [JsonPropertyName("suffix")] public string? Suffix { get; init; }

    [JsonPropertyName("stream")] public bool? Stream { get; init; }
    [JsonPropertyName("stream_options")] public OpenAiStreamOptions? StreamOptions { get; init; }
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; init; }
    [JsonPropertyName("temperature")] public float? Temperature { get; init; }
    [JsonPropertyName("top_p")] public float? TopP { get; init; }
    [JsonPropertyName("seed")] public long? Seed { get; init; }

    /// <summary>A string or an array of strings.</summary>
    [JsonPropertyName("stop")] public JsonElement? Stop { get; init; }

    [JsonPropertyName("frequency_penalty")] public float? FrequencyPenalty { get; init; }
    [JsonPropertyName("presence_penalty")] public float? PresencePenalty { get; init; }
    [JsonPropertyName("n")] public int? N { get; init; }
    [JsonPropertyName("user")] public string? User { get; init; }
}
