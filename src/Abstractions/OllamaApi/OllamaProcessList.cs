using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>The body of GET /api/ps.</summary>
internal sealed record OllamaProcessList([property: JsonPropertyName("models")] IReadOnlyList<OllamaRunningModel> Models);
