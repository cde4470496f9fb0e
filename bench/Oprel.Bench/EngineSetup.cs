using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Oprel.Rpc;
using Oprel.Worker.Engine;

namespace Oprel.Bench;

/// <summary>
/// Setup (2), Oprel's direct mode: the engine that <c>new Model(path, useServer: false)</c> and every worker run
/// (LlamaEngine: its decode thread, channel and sampler chain) in this process, read as a stream.
/// </summary>
internal sealed class EngineSetup : IBenchSetup
{
    private readonly LlamaEngine _engine;
    private readonly BenchSettings _settings;

    private EngineSetup(LlamaEngine engine, BenchSettings settings)
    {
        _engine = engine;
        _settings = settings;
    }

    public IReadOnlyList<Measurement> Measurements { get; private set; } = [];

    public static async Task<IBenchSetup> LoadAsync(string modelPath, BenchSettings settings)
    {
        var residentBefore = Metrics.ResidentMiB(Environment.ProcessId);
        var started = Stopwatch.GetTimestamp();
        var engine = LlamaEngine.Load(
            new WorkerLoadRequest
            {
                ModelPath = modelPath,
                ModelName = "bench",
                ContextSize = settings.ContextSize,
                BatchSize = settings.BatchSize,
                Threads = settings.Threads,
                Parallel = 1,
            },
            NullLogger.Instance);
        var loadMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var setup = new EngineSetup(engine, settings);
        await setup.GenerateAsync(BenchPrompt.WarmUp(1, settings.PromptTokens));
        var memory = $"+{Metrics.ResidentMiB(Environment.ProcessId) - residentBefore:0} MiB RSS";
        setup.Measurements = [new Measurement("(2) Oprel direct mode (engine in process)", loadMs, v => setup.GenerateAsync(BenchPrompt.For(v, settings.PromptTokens)), () => memory)];
        return setup;
    }

    public ServerFigures? Figures() => null;

    public ValueTask DisposeAsync()
    {
        _engine.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<RunTiming> GenerateAsync(string prompt)
    {
        var request = new GenerationRequest
        {
            Prompt = prompt,
            Raw = true,
            Sampling = new SamplingOptions { Temperature = 0, NumPredict = _settings.Tokens, RepeatPenalty = 1f },
        };
        var started = Stopwatch.GetTimestamp();
        var firstMs = double.NaN;
        var lastMs = double.NaN;
        var chunks = 0;
        GenerationChunk? final = null;
        await foreach (var chunk in _engine.GenerateAsync(request, CancellationToken.None))
        {
            if (chunk.Text.Length > 0)
            {
                lastMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (chunks++ == 0)
                {
                    firstMs = lastMs;
                }
            }

            final = chunk;
        }

        if (final is null)
        {
            throw new InvalidOperationException("The engine produced nothing.");
        }

        return new RunTiming(final.PromptTokens + final.CachedPromptTokens, final.GeneratedTokens, firstMs, lastMs)
        {
            TextChunks = chunks,
            DoneReason = final.DoneReason,
        };
    }
}
