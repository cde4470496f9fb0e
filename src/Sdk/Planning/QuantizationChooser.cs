using Oprel.Models;

namespace Oprel.Planning;

/// <summary>
/// Chooses the best quantization that fits: the first of Q8_0 &gt; Q6_K &gt; Q5_K_M &gt; Q4_K_M &gt; Q3_K_M &gt; Q2_K on offer
/// whose weights, KV cache and compute buffers fit the budget. A repository that offers none of these is chosen
/// from by size, largest first.
/// </summary>
internal static class QuantizationChooser
{
    /// <exception cref="MemoryLimitException">Nothing on offer fits; the message names the smallest need and the budget.</exception>
    /// <exception cref="ModelNotFoundException">Nothing is on offer.</exception>
    public static QuantizationChoice Choose(
        string model, IReadOnlyList<QuantizationOption> options, ModelShape shape, int contextSize, int batchSize, MemoryBudget budget, int requestedGpuLayers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(budget);
        if (options.Count == 0)
        {
            throw new ModelNotFoundException($"'{model}' has no GGUF file to download");
        }

        var preferred = options
            .Where(o => Quantization.PreferenceRank(o.Quantization) >= 0)
            .OrderBy(o => Quantization.PreferenceRank(o.Quantization))
            .ToList();
        var ordered = preferred.Count > 0 ? preferred : [.. options.OrderByDescending(o => o.WeightsBytes)];

        ModelPlacement? smallest = null;
        string? smallestName = null;
        foreach (var option in ordered)
        {
            var estimate = MemoryEstimator.Estimate(shape, option.WeightsBytes, contextSize, batchSize);
            var placement = MemoryPlanner.Place(estimate, shape.BlockCount, budget, requestedGpuLayers);
            if (placement.Fits)
            {
                return new QuantizationChoice(option.Quantization, placement);
            }

            if (smallest is null || estimate.TotalBytes < smallest.Estimate.TotalBytes)
            {
                smallest = placement;
                smallestName = option.Quantization;
            }
        }

        throw new MemoryLimitException(
            $"'{model}' does not fit in memory: even {smallestName} needs {smallest!.Estimate.Describe()}, but the budget is {budget.Describe()}."
            + " Free some memory, lower the context size, or raise max_memory_mb.");
    }
}
