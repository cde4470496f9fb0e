namespace Oprel.Bench;

/// <summary>
/// One round's first token for a single-stream setup: the medians over its timed run and the short runs after it
/// (<see cref="BenchSettings.FirstTokenRuns"/>).
/// </summary>
internal sealed record FirstTokenRound(double TimeToFirstTokenMs, double PromptEvalMs, int Samples)
{
    public static FirstTokenRound Of(IReadOnlyList<RunTiming> runs)
    {
        var timed = runs.Where(r => !double.IsNaN(r.TimeToFirstTokenMs)).ToList();
        var evaluated = runs.Where(r => !double.IsNaN(r.PromptEvalMs)).ToList();
        return new(
            timed.Count > 0 ? Metrics.Median(timed.Select(r => r.TimeToFirstTokenMs)) : double.NaN,
            evaluated.Count > 0 ? Metrics.Median(evaluated.Select(r => r.PromptEvalMs)) : double.NaN,
            timed.Count);
    }
}
