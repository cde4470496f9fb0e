namespace Oprel.Bench;

/// <summary>
/// One row of the table: a step that runs one timed generation (or one group of concurrent ones) per round, and the
/// timings of the rounds after the warm-up.
/// </summary>
internal sealed class Measurement(string setup, double loadMs, Func<int, Task<RunTiming>> runAsync, Func<string> memory)
{
    /// <summary>What <see cref="Memory"/> said when its processes were last alive (see <see cref="KeepMemory"/>).</summary>
    private string? _memoryText;

    public string Setup { get; } = setup;

    public double LoadMs { get; } = loadMs;

    /// <summary>Runs once with a prompt variant no other run uses.</summary>
    public Func<int, Task<RunTiming>> RunAsync { get; } = runAsync;

    public Func<string> Memory { get; } = memory;

    public List<RunTiming> Runs { get; } = [];

    /// <summary>A short run that times the first token again (a prompt variant of its own); null where the row has no lone first token.</summary>
    public Func<int, Task<RunTiming>>? FirstTokenRunAsync { get; init; }

    /// <summary>Each round's first token over the timed run and the short runs after it, when there were short runs.</summary>
    public List<FirstTokenRound> FirstTokenRounds { get; } = [];

    /// <summary>Rounds repeated because other processes took too much CPU while they ran.</summary>
    public int Repeated { get; set; }

    /// <summary>Notes the memory figure now, while the setup's processes still run.</summary>
    public void KeepMemory() => _memoryText = Memory();

    /// <summary>Takes the rounds of the same row of a later instance (its processes started afresh), and its memory figure.</summary>
    public void Absorb(Measurement later)
    {
        ArgumentNullException.ThrowIfNull(later);
        Runs.AddRange(later.Runs);
        FirstTokenRounds.AddRange(later.FirstTokenRounds);
        Repeated += later.Repeated;
        _memoryText = later._memoryText;
    }

    private bool HasFirstTokenRounds => FirstTokenRounds.Count > 0 && FirstTokenRounds.Count == Runs.Count;

    /// <summary>The row, with ratios to <paramref name="reference"/> taken round by round (a busy neighbour slows both alike).</summary>
    public BenchResult Result(Measurement? reference)
    {
        var result = BenchResult.FromRuns(Setup, Runs, LoadMs, _memoryText ?? Memory());
        if (HasFirstTokenRounds)
        {
            var rounds = FirstTokens(rounds: true);
            var evaluatedRounds = rounds.Where(r => !double.IsNaN(r.PromptEvalMs)).ToList();
            result = result with
            {
                TimeToFirstTokenMs = Metrics.Median(rounds.Select(r => r.TimeToFirstTokenMs)),
                OutsidePromptEvalMs = evaluatedRounds.Count > 0 ? Metrics.Median(evaluatedRounds.Select(r => r.TimeToFirstTokenMs - r.PromptEvalMs)) : double.NaN,
                FirstTokenSamples = FirstTokenRounds.Sum(r => r.Samples),
            };
        }

        if (reference is null)
        {
            return result;
        }

        // First tokens are compared round by round: each round's medians where both rows made short runs, the timed runs' otherwise.
        var both = HasFirstTokenRounds && reference.HasFirstTokenRounds;
        var firstTokens = FirstTokens(both).Zip(reference.FirstTokens(both)).ToList();
        var evaluated = firstTokens.Where(p => !double.IsNaN(p.First.PromptEvalMs) && !double.IsNaN(p.Second.PromptEvalMs)).ToList();
        return result with
        {
            PromptEvalDeltaMs = evaluated.Count > 0 ? Metrics.Median(evaluated.Select(p => p.First.PromptEvalMs - p.Second.PromptEvalMs)) : double.NaN,
            DecodeRatio = Metrics.Median(Runs.Zip(reference.Runs).Select(p => p.First.DecodeTokensPerSecond / p.Second.DecodeTokensPerSecond)),
            TimeToFirstTokenDeltaMs = Metrics.Median(firstTokens.Select(p => p.First.TimeToFirstTokenMs - p.Second.TimeToFirstTokenMs)),
        };
    }

    private List<(double TimeToFirstTokenMs, double PromptEvalMs)> FirstTokens(bool rounds) => rounds
        ? FirstTokenRounds.Select(r => (r.TimeToFirstTokenMs, r.PromptEvalMs)).ToList()
        : Runs.Select(r => (r.TimeToFirstTokenMs, r.PromptEvalMs)).ToList();
}
