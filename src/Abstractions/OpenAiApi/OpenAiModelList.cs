using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>The body of GET /v1/models.</summary>
internal sealed record OpenAiModelList
{
    [JsonPropertyName("object")] public string Object { get; init; } = "list";
    [JsonPropertyName("data")] public required IReadOnlyList<OpenAiModel> Data { get; init; }
}
