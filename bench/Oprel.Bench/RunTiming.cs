namespace Oprel.Bench;

/// <summary>
/// One generation as its caller saw it: milliseconds from sending the request to the first and to the last piece of
/// text, and the token counts.
/// </summary>
internal sealed record RunTiming(int PromptTokens, int GeneratedTokens, double FirstMs, double LastMs)
{
    /// <summary>The server's load_duration of this request, in ms (0 when warm); NaN where there is none.</summary>
    public double LoadDurationMs { get; init; } = double.NaN;

    public int TextChunks { get; init; }

    /// <summary>
    /// The engine's own reading of the prompt, in ms: from the tokens being handed to llama.cpp to the first token sampled
    /// (a server's prompt_eval_duration; for (1) its llama_decode of the prompt and the first sample). NaN where not measured.
    /// </summary>
    public double PromptEvalMs { get; init; } = double.NaN;

    /// <summary>The share of the machine's CPU that other processes took while this run was timed.</summary>
    public double ForeignCpu { get; init; }

    public string? DoneReason { get; init; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamps of each piece of text, for the groups of streams that need them.</summary>
    public IReadOnlyList<long> TextTimestamps { get; init; } = [];

    /// <summary>
    /// For a group of streams: the tokens they all produced together over the time all of them were generating (from
    /// the last stream's first text to the first stream's last), per second. NaN otherwise.
    /// </summary>
    public double AllGeneratingTokensPerSecond { get; init; } = double.NaN;

    private readonly double? _timeToFirstTokenMs;

    /// <summary>
    /// A group of streams run at once, as one run: their tokens summed over the window from the earliest first text to
    /// the latest last one, the time to first token until every stream has its first text (all prompts read), and
    /// their tokens per second while all of them generate. (4)'s four streams and (5)'s four sequences both use it.
    /// </summary>
    public static RunTiming Group(IReadOnlyList<RunTiming> streams) =>
        new(streams.Sum(t => t.PromptTokens), streams.Sum(t => t.GeneratedTokens - 1) + 1, streams.Min(t => t.FirstMs), streams.Max(t => t.LastMs))
        {
            TimeToFirstTokenMs = streams.Max(t => t.FirstMs),
            TextChunks = streams.Sum(t => t.TextChunks - 1) + 1,
            AllGeneratingTokensPerSecond = Metrics.AllGeneratingRate(streams.Select(t => t.TextTimestamps).ToList()),
        };

    /// <summary>Milliseconds to the first text; <see cref="FirstMs"/> unless set (a group of streams sets its own).</summary>
    public double TimeToFirstTokenMs
    {
        get => _timeToFirstTokenMs ?? FirstMs;
        init => _timeToFirstTokenMs = value;
    }

    /// <summary>Prompt tokens over the time to the first token: reading the prompt plus everything around it.</summary>
    public double PromptTokensPerSecond => PromptTokens / (TimeToFirstTokenMs / 1000);

    /// <summary>Tokens after the first over the time from the first to the last.</summary>
    public double DecodeTokensPerSecond => (GeneratedTokens - 1) / ((LastMs - FirstMs) / 1000);
}
