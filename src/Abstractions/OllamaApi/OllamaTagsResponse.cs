using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>The body of GET /api/tags.</summary>
internal sealed record OllamaTagsResponse([property: JsonPropertyName("models")] IReadOnlyList<OllamaModelSummary> Models);
