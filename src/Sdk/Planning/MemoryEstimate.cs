namespace Oprel.Planning;

/// <summary>What a model needs loaded, in bytes: weights, the KV cache at the context size, compute buffers and a fixed overhead.</summary>
internal sealed record MemoryEstimate(long WeightsBytes, long KvCacheBytes, long ComputeBytes, long OverheadBytes, int ContextSize)
{
    public long TotalBytes => WeightsBytes + KvCacheBytes + ComputeBytes + OverheadBytes;

    /// <summary>What the model itself takes (weights, KV cache, compute buffers): what max_memory_mb caps. The worker's fixed overhead counts against free RAM only.</summary>
    public long ModelBytes => WeightsBytes + KvCacheBytes + ComputeBytes;

    /// <summary>"5.4 GB (weights 4.4 GB + KV cache 537 MB at 4096 tokens + compute 310 MB + overhead 134 MB)".</summary>
    public string Describe() =>
        $"{ByteSize.Format(TotalBytes)} (weights {ByteSize.Format(WeightsBytes)} + KV cache {ByteSize.Format(KvCacheBytes)} at {ContextSize} tokens"
        + $" + compute {ByteSize.Format(ComputeBytes)} + overhead {ByteSize.Format(OverheadBytes)})";
}
