using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>"stream_options" of a streamed completion.</summary>
internal sealed record OpenAiStreamOptions
{
    /// <summary>Adds a last chunk with no choices and the request's token usage.</summary>
    [JsonPropertyName("include_usage")] public bool? IncludeUsage { get; init; }
}
