namespace Oprel.Bench;

/// <summary>One benchmark row: medians over the runs.</summary>
internal sealed record BenchResult(
    string Setup,
    double PromptTokensPerSecond,
    double DecodeTokensPerSecond,
    double TimeToFirstTokenMs,
    double LoadMs,
    string Memory);
