using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>The "json_schema" of a json_schema response format.</summary>
internal sealed record OpenAiJsonSchemaFormat
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("schema")] public JsonElement? Schema { get; init; }
    [JsonPropertyName("strict")] public bool? Strict { get; init; }
}
