using System.Text.Json.Serialization;

namespace Oprel.OpenAiApi;

/// <summary>A model in GET /v1/models and GET /v1/models/{model}.</summary>
internal sealed record OpenAiModel
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("object")] public string Object { get; init; } = "model";

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("created")] public long Created { get; init; }

    [JsonPropertyName("owned_by")] public required string OwnedBy { get; init; }
}
