namespace Oprel.Bench;

/// <summary>
/// The shape of a generated llama model. Speed depends on the shape and the quantization, not on the weights' values,
/// so the benchmark writes random weights in the shape of a real model.
/// </summary>
internal sealed record BenchModelShape(
    string Name,
    int EmbeddingLength,
    int BlockCount,
    int FeedForwardLength,
    int HeadCount,
    int HeadCountKv,
    int VocabularySize,
    bool TiedEmbeddings,
    string LooksLike)
{
    /// <summary>SmolLM2-135M: 576 wide, 30 blocks, 9 heads (3 KV), a 49152-token vocabulary, tied embeddings.</summary>
    public static BenchModelShape Small { get; } = new("134m", 576, 30, 1536, 9, 3, 49152, true, "SmolLM2-135M");

    /// <summary>TinyLlama-1.1B: 2048 wide, 22 blocks, 32 heads (4 KV), a 32000-token vocabulary.</summary>
    public static BenchModelShape Large { get; } = new("1b", 2048, 22, 5632, 32, 4, 32000, false, "TinyLlama-1.1B");

    public int HeadDimension => EmbeddingLength / HeadCount;

    public int KeyValueLength => HeadDimension * HeadCountKv;

    public long ParameterCount
    {
        get
        {
            long embedding = EmbeddingLength;
            var block = (2 * embedding * embedding) + (2 * embedding * KeyValueLength) + (3 * embedding * FeedForwardLength) + (2 * embedding);
            var vocabulary = (long)VocabularySize * embedding * (TiedEmbeddings ? 1 : 2);
            return (BlockCount * block) + vocabulary + embedding;
        }
    }

    public static BenchModelShape Parse(string size) => size.ToUpperInvariant() switch
    {
        "134M" or "135M" or "SMALL" => Small,
        "1B" or "1.1B" or "LARGE" => Large,
        _ => throw new ArgumentException($"Unknown --size '{size}'; use 134m or 1b."),
    };
}
