namespace Oprel.Downloads;

/// <summary>How hard a download tries: retries with exponential backoff, and how long a silent connection is given.</summary>
/// <param name="MaxAttempts">Attempts in a row without progress before giving up (a resumed transfer that moved forward starts the count again).</param>
/// <param name="InitialDelay">Wait before the first retry; doubled for each further one.</param>
/// <param name="MaxDelay">Longest wait between attempts.</param>
/// <param name="StallTimeout">A connection that sends nothing for this long is dropped and resumed.</param>
/// <param name="ProgressInterval">How often progress is reported.</param>
internal sealed record DownloadPolicy(int MaxAttempts, TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan StallTimeout, TimeSpan ProgressInterval)
{
    public static DownloadPolicy Default { get; } = new(6, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250));

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        var factor = Math.Pow(2, Math.Clamp(retry - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
