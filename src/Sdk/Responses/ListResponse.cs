using System.Text.Json.Serialization;

namespace Oprel;

/// <summary>The answer of <c>List</c>: the models the server has.</summary>
public sealed record ListResponse : ApiResponse
{
    /// <summary>The models.</summary>
    [JsonPropertyName("models")]
    public IReadOnlyList<ModelInfo> Models { get; init; } = [];
}
