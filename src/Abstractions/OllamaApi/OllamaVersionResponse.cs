using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>The body of GET /api/version.</summary>
internal sealed record OllamaVersionResponse([property: JsonPropertyName("version")] string Version);
