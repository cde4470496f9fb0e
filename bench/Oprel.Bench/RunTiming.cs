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

    /// <summary>The server's prompt_eval_duration (reading the prompt in the worker), in ms; NaN where there is none.</summary>
    public double ServerPromptEvalMs { get; init; } = double.NaN;

    /// <summary>The share of the machine's CPU that other processes took while this run was timed.</summary>
    public double ForeignCpu { get; init; }

    public string? DoneReason { get; init; }

    private readonly double? _timeToFirstTokenMs;

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
