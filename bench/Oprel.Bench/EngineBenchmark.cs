using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Oprel.Rpc;
using Oprel.Worker.Engine;

namespace Oprel.Bench;

/// <summary>Oprel's engine in this process (what direct mode and each worker run): load once, then timed generations.</summary>
internal static class EngineBenchmark
{
    public static async Task<BenchResult> RunAsync(string modelPath, BenchSettings settings)
    {
        var loadStarted = Stopwatch.GetTimestamp();
        using var engine = LlamaEngine.Load(
            new WorkerLoadRequest { ModelPath = modelPath, ModelName = "bench", ContextSize = settings.ContextSize, Threads = settings.Threads, Parallel = 1 },
            NullLogger.Instance);
        var loadMs = Stopwatch.GetElapsedTime(loadStarted).TotalMilliseconds;

        var prompt = new List<double>();
        var decode = new List<double>();
        var ttft = new List<double>();
        for (var run = 0; run <= settings.Runs; run++)
        {
            // A different prompt each run, so the prompt cache cannot skip the reading.
            var request = new GenerationRequest
            {
                Prompt = $"{run} {settings.Prompt}",
                Raw = true,
                Sampling = new SamplingOptions { Temperature = 0, NumPredict = settings.Tokens, RepeatPenalty = 1f },
            };
            var started = Stopwatch.GetTimestamp();
            double? first = null;
            GenerationChunk? last = null;
            await foreach (var chunk in engine.GenerateAsync(request, CancellationToken.None))
            {
                first ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                last = chunk;
            }

            if (run == 0 || last is null)
            {
                continue; // warm-up
            }

            prompt.Add(last.PromptTokens / (last.PromptEvalDurationNs / 1e9));
            decode.Add(Math.Max(0, last.GeneratedTokens - 1) / (last.EvalDurationNs / 1e9));
            ttft.Add(first ?? double.NaN);
        }

        return new BenchResult(
            "Oprel engine, in process",
            Measurements.Median(prompt),
            Measurements.Median(decode),
            Measurements.Median(ttft),
            loadMs,
            $"RSS {Measurements.ResidentMiB(Environment.ProcessId):0} MiB");
    }
}
