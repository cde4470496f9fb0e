namespace Oprel.Bench;

/// <summary>A model loaded in this process that runs one timed generation at a time (setups (1) and (2), in a child process).</summary>
internal interface IGenerationRunner : IAsyncDisposable
{
    double LoadMs { get; }

    Task<RunTiming> RunAsync(int variant);
}
