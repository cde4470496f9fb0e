using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>"response_format": text, json_object or json_schema.</summary>
internal sealed record OpenAiResponseFormat
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("json_schema")] public OpenAiJsonSchemaFormat? JsonSchema { get; init; }
}
