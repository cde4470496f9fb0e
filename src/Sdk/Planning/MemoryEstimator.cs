namespace Oprel.Planning;

/// <summary>
/// Estimates a model's memory as llama.cpp will use it: the weights as stored in the file, an f16 KV cache of
/// layers × context × KV heads × (key + value width) × 2 bytes, and the compute graph's buffers (Ollama's formula
/// for llama-style graphs: the larger of the attention scores and the output logits for one batch).
/// </summary>
internal static class MemoryEstimator
{
    /// <summary>The process, runtime and scratch memory of a worker beyond its buffers (128 MiB).</summary>
    public const long WorkerOverheadBytes = 128L * 1024 * 1024;

    /// <summary>Bytes per KV cache element (f16).</summary>
    private const int KvElementBytes = 2;

    public static MemoryEstimate Estimate(ModelShape shape, long weightsBytes, int contextSize, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfNegative(weightsBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return new MemoryEstimate(weightsBytes, KvCacheBytes(shape, contextSize), ComputeBytes(shape, contextSize, batchSize), WorkerOverheadBytes, contextSize);
    }

    public static long KvCacheBytes(ModelShape shape, int contextSize)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return (long)shape.BlockCount * contextSize * shape.HeadCountKv * (shape.KeyLength + shape.ValueLength) * KvElementBytes;
    }

    public static long ComputeBytes(ModelShape shape, int contextSize, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long batch = Math.Min(batchSize, contextSize);
        var attention = 4 * batch * (1 + (4L * shape.EmbeddingLength) + ((long)contextSize * (1 + shape.HeadCount)));
        var logits = 4 * batch * ((long)shape.EmbeddingLength + shape.VocabularySize);
        return Math.Max(attention, logits);
    }
}
