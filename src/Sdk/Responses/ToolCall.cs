using System.Text.Json.Serialization;

namespace Oprel;

/// <summary>A call of a tool that the model asked for.</summary>
/// <param name="Function">The function and its arguments.</param>
public sealed record ToolCall([property: JsonPropertyName("function")] ToolCallFunction Function);
