namespace Oprel.Bench;

/// <summary>A model loaded in this process that runs one timed generation at a time (setups (1) and (2), in a child process).</summary>
internal interface IGenerationRunner : IAsyncDisposable
{
    double LoadMs { get; }

    /// <summary>Runs one timed generation of prompt variant <paramref name="variant"/>, with an answer of <paramref name="tokens"/> tokens.</summary>
    Task<RunTiming> RunAsync(int variant, int tokens);
}
