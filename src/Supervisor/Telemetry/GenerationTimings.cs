namespace Oprel.Supervisor.Telemetry;

/// <summary>What one finished generation adds to the metrics.</summary>
/// <param name="PromptTokens">Prompt tokens the worker evaluated.</param>
/// <param name="CachedPromptTokens">Prompt tokens it took from its prompt cache.</param>
/// <param name="GeneratedTokens">Tokens it generated.</param>
/// <param name="TimeToFirstToken">From handing the request to the worker to the first text; null when none came.</param>
/// <param name="TokenLatency">Mean time between tokens after the first; null with fewer than two tokens.</param>
/// <param name="TokensPerSecond">Generated tokens over the worker's eval duration; null when it measured none.</param>
internal sealed record GenerationTimings(
    int PromptTokens,
    int CachedPromptTokens,
    int GeneratedTokens,
    TimeSpan? TimeToFirstToken,
    TimeSpan? TokenLatency,
    double? TokensPerSecond);
