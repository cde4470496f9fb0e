using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>The answer of the older POST /api/embeddings: one vector.</summary>
internal sealed record OllamaEmbeddingResponse([property: JsonPropertyName("embedding")] float[] Embedding);
