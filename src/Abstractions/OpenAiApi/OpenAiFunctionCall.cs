using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>The function of a tool call: its name and its arguments as JSON text.</summary>
internal sealed record OpenAiFunctionCall
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("arguments")] public required string Arguments { get; init; }
}
