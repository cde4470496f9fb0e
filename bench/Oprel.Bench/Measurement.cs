namespace Oprel.Bench;

/// <summary>
/// One row of the table: a step that runs one timed generation (or one group of concurrent ones) per round, and the
/// timings of the rounds after the warm-up.
/// </summary>
internal sealed class Measurement(string setup, double loadMs, Func<int, Task<RunTiming>> runAsync, Func<string> memory)
{
    public string Setup { get; } = setup;

    public double LoadMs { get; } = loadMs;

    /// <summary>Runs once with a prompt variant no other run uses.</summary>
    public Func<int, Task<RunTiming>> RunAsync { get; } = runAsync;

    public Func<string> Memory { get; } = memory;

    public List<RunTiming> Runs { get; } = [];

    /// <summary>Rounds repeated because other processes took too much CPU while they ran.</summary>
    public int Repeated { get; set; }

    /// <summary>The row, with ratios to <paramref name="reference"/> taken round by round (a busy neighbour slows both alike).</summary>
    public BenchResult Result(Measurement? reference)
    {
        var result = BenchResult.FromRuns(Setup, Runs, LoadMs, Memory());
        if (reference is null)
        {
            return result;
        }

        var pairs = Runs.Zip(reference.Runs).ToList();
        var evaluated = pairs.Where(p => !double.IsNaN(p.First.PromptEvalMs) && !double.IsNaN(p.Second.PromptEvalMs)).ToList();
        return result with
        {
            PromptEvalDeltaMs = evaluated.Count > 0 ? Metrics.Median(evaluated.Select(p => p.First.PromptEvalMs - p.Second.PromptEvalMs)) : double.NaN,
            DecodeRatio = Metrics.Median(pairs.Select(p => p.First.DecodeTokensPerSecond / p.Second.DecodeTokensPerSecond)),
            TimeToFirstTokenDeltaMs = Metrics.Median(pairs.Select(p => p.First.TimeToFirstTokenMs - p.Second.TimeToFirstTokenMs)),
        };
    }
}
