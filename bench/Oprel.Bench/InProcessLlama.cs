using System.Diagnostics;
using LLama;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.Logging.Abstractions;
using Oprel.Worker.Engine;

namespace Oprel.Bench;

/// <summary>
/// The model and context of an in-process reference setup ((1) and (5)), loaded as the server's worker loads them:
/// memory-mapped, CPU only, the benchmark's threads and batch size, and a whole num_ctx for each sequence.
/// </summary>
internal sealed class InProcessLlama : IDisposable
{
    private InProcessLlama(LLamaWeights weights, LLamaContext context, double loadMs)
    {
        Weights = weights;
        Context = context;
        LoadMs = loadMs;
    }

    public LLamaWeights Weights { get; }

    public LLamaContext Context { get; }

    public double LoadMs { get; }

    public static InProcessLlama Load(string modelPath, BenchSettings settings, int sequences)
    {
        NativeLibrarySetup.Configure(null, NullLogger.Instance);
        var started = Stopwatch.GetTimestamp();
        var parameters = new ModelParams(modelPath)
        {
            ContextSize = (uint)(settings.ContextSize * sequences),
            BatchSize = (uint)settings.BatchSize,
            UBatchSize = (uint)settings.BatchSize,
            SeqMax = (uint)sequences,
            Threads = settings.Threads,
            BatchThreads = settings.Threads,
            GpuLayerCount = 0,
            LoadMode = LLamaLoadMode.MemoryMap,
        };
        var weights = LLamaWeights.LoadFromFile(parameters);
        var context = weights.CreateContext(parameters);
        return new InProcessLlama(weights, context, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public static SafeLLamaSamplerChainHandle GreedySampler()
    {
        var sampler = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        sampler.AddGreedySampler();
        return sampler;
    }

    public void Decode(LLamaBatch batch)
    {
        var result = Context.NativeHandle.Decode(batch);
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode returned {result}.");
        }
    }

    public void Dispose()
    {
        Context.Dispose();
        Weights.Dispose();
    }
}
