using System.Text.Json.Serialization;

namespace Oprel;

/// <summary>The answer of <c>Delete</c>.</summary>
/// <param name="Status">"success".</param>
public sealed record StatusResponse([property: JsonPropertyName("status")] string Status) : ApiResponse;
