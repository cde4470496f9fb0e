namespace Oprel.Models;

/// <summary>Refuses a model whose weights alone exceed a memory limit, before anything is loaded.</summary>
internal static class MemoryBudget
{
    /// <exception cref="MemoryLimitException">The model needs more than <paramref name="maxMemoryMb"/> MiB.</exception>
    public static void EnsureFits(ResolvedModel model, int? maxMemoryMb)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (maxMemoryMb is not { } limit)
        {
            return;
        }

        var needMb = (model.SizeBytes + (1024 * 1024) - 1) / (1024 * 1024);
        if (needMb > limit)
        {
            throw new MemoryLimitException($"'{model.Name}' needs at least {needMb} MiB for its weights, more than the {limit} MiB limit.");
        }
    }
}
