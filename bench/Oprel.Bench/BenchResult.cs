namespace Oprel.Bench;

/// <summary>One row of the table: medians over the timed runs.</summary>
internal sealed record BenchResult(
    string Setup,
    int PromptTokens,
    int GeneratedTokens,
    double PromptTokensPerSecond,
    double DecodeTokensPerSecond,
    double TimeToFirstTokenMs,
    double LoadMs,
    string Memory)
{
    /// <summary>Median over the rounds of this decode speed over the reference's in the same round.</summary>
    public double DecodeRatio { get; init; } = double.NaN;

    /// <summary>Median over the rounds of this time to first token minus the reference's in the same round.</summary>
    public double TimeToFirstTokenDeltaMs { get; init; } = double.NaN;

    /// <summary>
    /// Median over the runs of the time to first token less the engine's own prompt evaluation: for a server the
    /// request's way through the client, HTTP, the supervisor and the pipes, and the worker's tokenizing; for (1) its
    /// tokenizing. NaN where the prompt evaluation was not measured.
    /// </summary>
    public double OutsidePromptEvalMs { get; init; } = double.NaN;

    /// <summary>For a group of streams: median over the runs of their tokens per second while all of them generate.</summary>
    public double AllGeneratingTokensPerSecond { get; init; } = double.NaN;

    /// <summary>Median over the runs of the first text's time (for a group of streams, the earliest stream's).</summary>
    public double FirstTextMs { get; init; } = double.NaN;

    /// <summary>The first tokens timed (the timed runs' and the short runs'); 0 where only the timed runs' were.</summary>
    public int FirstTokenSamples { get; init; }

    /// <summary>Median over the rounds of this prompt evaluation minus the reference's in the same round.</summary>
    public double PromptEvalDeltaMs { get; init; } = double.NaN;

    public static BenchResult FromRuns(string setup, IReadOnlyList<RunTiming> runs, double loadMs, string memory)
    {
        var measured = runs.Where(r => !double.IsNaN(r.PromptEvalMs)).ToList();
        return new(
            setup,
            (int)Metrics.Median(runs.Select(r => (double)r.PromptTokens)),
            (int)Metrics.Median(runs.Select(r => (double)r.GeneratedTokens)),
            Metrics.Median(runs.Select(r => r.PromptTokensPerSecond)),
            Metrics.Median(runs.Select(r => r.DecodeTokensPerSecond)),
            Metrics.Median(runs.Select(r => r.TimeToFirstTokenMs)),
            loadMs,
            memory)
        {
            FirstTextMs = Metrics.Median(runs.Select(r => r.FirstMs)),
            AllGeneratingTokensPerSecond = Metrics.Median(runs.Select(r => r.AllGeneratingTokensPerSecond).Where(r => !double.IsNaN(r))),
            OutsidePromptEvalMs = measured.Count > 0 ? Metrics.Median(measured.Select(r => r.TimeToFirstTokenMs - r.PromptEvalMs)) : double.NaN,
        };
    }
}
