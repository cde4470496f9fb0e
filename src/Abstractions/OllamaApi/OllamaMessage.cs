using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>A chat message on Ollama's wire.</summary>
internal sealed record OllamaMessage
{
    [JsonPropertyName("role")] public string? Role { get; init; }
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("images")] public IReadOnlyList<string>? Images { get; init; }

    /// <summary>The functions an assistant called: <c>[{"id"?, "function": {"index"?, "name", "arguments": {…}}}]</c>.</summary>
    [JsonPropertyName("tool_calls")] public JsonElement? ToolCalls { get; init; }

    /// <summary>For a "tool" message: the function whose result it carries.</summary>
    [JsonPropertyName("tool_name")] public string? ToolName { get; init; }

    [JsonPropertyName("thinking")] public string? Thinking { get; init; }
}
