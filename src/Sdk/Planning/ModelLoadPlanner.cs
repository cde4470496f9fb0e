using System.Collections.Concurrent;
using Oprel.Gguf;
using Oprel.Hardware;
using Oprel.Models;

namespace Oprel.Planning;

/// <summary>
/// Decides, before a model is loaded, whether it fits and how many layers go to the GPU: reads the GGUF header for
/// the model's shape, estimates weights + KV cache at the context size + compute buffers, and places it in the
/// budget of the hardware probe (free VRAM, available RAM, capped by max_memory_mb).
/// </summary>
internal sealed class ModelLoadPlanner(IHardwareProbe probe, Config config, bool gpuOffload)
{
    private readonly ConcurrentDictionary<(string Path, long Size, DateTime Modified), ModelShape> _shapes = new();

    public ModelLoadPlanner(IHardwareProbe probe, Config config)
        : this(probe, config, GpuOffloadSupport.IsAvailable(config))
    {
    }

    /// <summary>The placement of <paramref name="model"/>; <paramref name="requestedGpuLayers"/> is -1 to choose.</summary>
    /// <exception cref="MemoryLimitException">It does not fit; the message names what it needs and the budget.</exception>
    public async Task<ModelPlacement> PlanAsync(
        ResolvedModel model, int contextSize, int batchSize, int requestedGpuLayers, int? maxMemoryMb, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var shape = ShapeOf(model);
        var hardware = await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
        var budget = MemoryBudget.From(hardware, maxMemoryMb ?? config.DefaultMaxMemoryMb, gpuOffload);
        var estimate = MemoryEstimator.Estimate(shape, model.SizeBytes, contextSize, batchSize);
        var placement = MemoryPlanner.Place(estimate, shape.BlockCount, budget, requestedGpuLayers);
        if (!placement.Fits)
        {
            throw new MemoryLimitException(
                $"model '{model.Name}' needs {estimate.Describe()}, but the memory budget is {budget.Describe()}."
                + " Free some memory, use a smaller quantization or context (num_ctx), or raise max_memory_mb.");
        }

        return placement;
    }

    /// <summary>Checks only the cap (maxMemoryMb, else default_max_memory_mb): for a model that is loaded already, whose memory is in use.</summary>
    /// <exception cref="MemoryLimitException">The model needs more than the cap.</exception>
    public void EnsureWithinCap(ResolvedModel model, int contextSize, int batchSize, int? maxMemoryMb)
    {
        ArgumentNullException.ThrowIfNull(model);
        if ((maxMemoryMb ?? config.DefaultMaxMemoryMb) is not { } cap)
        {
            return;
        }

        var estimate = MemoryEstimator.Estimate(ShapeOf(model), model.SizeBytes, contextSize, batchSize);
        if (estimate.ModelBytes > cap * 1024L * 1024)
        {
            throw new MemoryLimitException($"model '{model.Name}' needs {estimate.Describe()}, more than max_memory_mb {cap}.");
        }
    }

    private ModelShape ShapeOf(ResolvedModel model)
    {
        var file = new FileInfo(model.Path);
        var key = (file.FullName, file.Exists ? file.Length : 0, file.Exists ? file.LastWriteTimeUtc : default);
        return _shapes.GetOrAdd(key, static (_, path) =>
        {
            try
            {
                return ModelShape.FromGguf(GgufReader.Read(path)) ?? ModelShape.Guess(Quantization.EstimateParameters(new FileInfo(path).Length, null));
            }
            catch (Exception error) when (error is GgufFormatException or IOException or UnauthorizedAccessException)
            {
                return ModelShape.Guess(0);
            }
        }, model.Path);
    }
}
