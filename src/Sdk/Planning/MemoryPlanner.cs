namespace Oprel.Planning;

/// <summary>
/// Splits a model between GPU and system memory: with GPU offload, as many layers as free VRAM holds (weights and
/// KV cache of each layer, plus the compute buffers and the CUDA context once); the rest in RAM.
/// </summary>
internal static class MemoryPlanner
{
    /// <summary>What a GPU backend takes for itself (CUDA context, cuBLAS workspace): 384 MiB.</summary>
    public const long GpuOverheadBytes = 384L * 1024 * 1024;

    /// <param name="estimate">The model's needs.</param>
    /// <param name="blockCount">Its layers.</param>
    /// <param name="budget">Where it may live.</param>
    /// <param name="requestedGpuLayers">-1 to choose from the budget, else the layers asked for (0 keeps all on the CPU).</param>
    public static ModelPlacement Place(MemoryEstimate estimate, int blockCount, MemoryBudget budget, int requestedGpuLayers)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(budget);
        blockCount = Math.Max(1, blockCount);
        var offloadable = blockCount + 1;
        int layers;
        if (requestedGpuLayers >= 0)
        {
            layers = Math.Min(requestedGpuLayers, offloadable);
        }
        else if (!budget.GpuOffload)
        {
            layers = 0;
        }
        else
        {
            layers = offloadable;
            while (layers > 0 && GpuBytes(estimate, blockCount, layers) > budget.VramBytes)
            {
                layers--;
            }
        }

        var gpu = GpuBytes(estimate, blockCount, layers);
        var cpu = CpuBytes(estimate, blockCount, layers);
        var fits = (budget.RamBytes is not { } ram || cpu <= ram)
            && (layers == 0 || !budget.GpuOffload || gpu <= budget.VramBytes)
            && (budget.CapBytes is not { } cap || estimate.ModelBytes <= cap);
        return new ModelPlacement(estimate, layers, gpu, cpu, fits);
    }

    private static long GpuBytes(MemoryEstimate estimate, int blockCount, int layers)
    {
        if (layers == 0)
        {
            return 0;
        }

        var perLayerWeights = estimate.WeightsBytes / (blockCount + 1);
        var perLayerKv = estimate.KvCacheBytes / blockCount;
        var kvLayers = Math.Min(layers, blockCount);
        return (layers * perLayerWeights) + (kvLayers * perLayerKv) + estimate.ComputeBytes + GpuOverheadBytes;
    }

    private static long CpuBytes(MemoryEstimate estimate, int blockCount, int layers)
    {
        var perLayerWeights = estimate.WeightsBytes / (blockCount + 1);
        var perLayerKv = estimate.KvCacheBytes / blockCount;
        var cpuLayers = blockCount + 1 - layers;
        var cpuKvLayers = blockCount - Math.Min(layers, blockCount);
        var weights = layers == 0 ? estimate.WeightsBytes : cpuLayers * perLayerWeights;
        var kv = layers == 0 ? estimate.KvCacheBytes : cpuKvLayers * perLayerKv;
        var compute = layers > blockCount ? 0 : estimate.ComputeBytes;
        return weights + kv + compute + estimate.OverheadBytes;
    }
}
