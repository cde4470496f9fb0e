using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>The "error" of OpenAI's error body.</summary>
internal sealed record OpenAiError
{
    [JsonPropertyName("message")] public required string Message { get; init; }

    /// <summary>"invalid_request_error" (400), "not_found_error" (404) or "api_error".</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }

    [JsonPropertyName("param")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Param { get; init; }

    [JsonPropertyName("code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Code { get; init; }
}
