using LLama.Native;

namespace Oprel.Bench;

/// <summary>
/// An in-process reference setup ((1) and (5)): the model, one batch, and one long-lived thread that runs every
/// generation, as a synchronous program's main thread would.
/// </summary>
internal abstract class InProcessRunner(InProcessLlama llama, BenchSettings settings, string threadName) : IGenerationRunner
{
    private readonly DedicatedThread _thread = new(threadName);

    public double LoadMs => Llama.LoadMs;

    protected InProcessLlama Llama { get; } = llama;

    protected LLamaBatch Batch { get; } = new();

    protected BenchSettings Settings { get; } = settings;

    public Task<RunTiming> RunAsync(int variant, int tokens) => _thread.RunAsync(() => Generate(variant, tokens));

    public ValueTask DisposeAsync()
    {
        _thread.Dispose();
        Llama.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs one timed generation of prompt variant <paramref name="variant"/> and <paramref name="tokens"/> answer tokens, on the runner's thread.</summary>
    protected abstract RunTiming Generate(int variant, int tokens);
}
