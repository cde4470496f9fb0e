using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Oprel.Rpc;
using Oprel.Worker.Engine;

namespace Oprel.Bench;

/// <summary>
/// Setup (2), Oprel's direct mode: the engine that <c>new Model(path, useServer: false)</c> and every worker run
/// (LlamaEngine: its decode thread, channel and sampler chain) in this process, read as a stream.
/// </summary>
internal sealed class EngineRunner : IGenerationRunner
{
    private readonly LlamaEngine _engine;
    private readonly BenchSettings _settings;

    private EngineRunner(LlamaEngine engine, BenchSettings settings, double loadMs)
    {
        _engine = engine;
        _settings = settings;
        LoadMs = loadMs;
    }

    public double LoadMs { get; }

    public static IGenerationRunner Load(string modelPath, BenchSettings settings)
    {
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
        return new EngineRunner(engine, settings, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public ValueTask DisposeAsync()
    {
        _engine.Dispose();
        return ValueTask.CompletedTask;
    }

    public async Task<RunTiming> RunAsync(int variant, int tokens)
    {
        var request = new GenerationRequest
        {
            Prompt = BenchPrompt.For(variant, _settings.PromptTokens),
            Raw = true,
            Sampling = new SamplingOptions { Temperature = 0, NumPredict = tokens, RepeatPenalty = 1f },
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
            PromptEvalMs = final.PromptEvalDurationNs / 1e6,
        };
    }
}
