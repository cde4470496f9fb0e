using System.Text.Json.Serialization;

namespace Oprel;

/// <summary>A chat message.</summary>
/// <param name="Role">"system", "user", "assistant" or "tool".</param>
/// <param name="Content">The message text.</param>
public sealed record Message(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content)
{
    /// <summary>Base64-encoded images, for models with vision.</summary>
    [JsonPropertyName("images")]
    public IReadOnlyList<string>? Images { get; init; }

    /// <summary>Tools the assistant asked to call.</summary>
    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>A system message.</summary>
    public static Message System(string content) => new("system", content);

    /// <summary>A user message.</summary>
    public static Message User(string content) => new("user", content);

    /// <summary>An assistant message.</summary>
    public static Message Assistant(string content) => new("assistant", content);
}
