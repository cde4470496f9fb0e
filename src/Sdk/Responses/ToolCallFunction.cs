using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oprel;

/// <summary>The function part of a <see cref="ToolCall"/>.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">Its arguments, a JSON object.</param>
public sealed record ToolCallFunction(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("arguments")] JsonElement Arguments);
