using System.Text.Json.Serialization;

namespace Oprel;

/// <summary>An answer of <c>Generate</c>, or one piece of it when streaming.</summary>
public sealed record GenerateResponse : CompletionResponse
{
    /// <summary>The generated text (one piece of it when streaming).</summary>
    [JsonPropertyName("response")]
    public string Response { get; init; } = "";
}
