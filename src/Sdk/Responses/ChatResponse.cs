using System.Text.Json.Serialization;

namespace Oprel;

/// <summary>An answer of <c>Chat</c>, or one piece of it when streaming.</summary>
public sealed record ChatResponse : CompletionResponse
{
    /// <summary>The assistant's message (one piece of it when streaming).</summary>
    [JsonPropertyName("message")]
    public Message Message { get; init; } = new("assistant", "");
}
