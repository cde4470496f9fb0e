using System.Diagnostics;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.Logging.Abstractions;
using Oprel.Worker.Engine;

namespace Oprel.Bench;

/// <summary>
/// Setup (1), the reference: LLamaSharp used directly in this process. One context, one LLamaBatch, synchronous
/// decodes and a greedy sampler chain, all on one thread; each token is turned into text as it comes, as a streaming
/// program would.
/// </summary>
internal sealed class LlamaSharpLoop : IGenerationRunner
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly LLamaBatch _batch = new();
    private readonly BenchSettings _settings;
    private readonly DedicatedThread _thread = new("llamasharp-loop");

    private LlamaSharpLoop(LLamaWeights weights, LLamaContext context, BenchSettings settings, double loadMs)
    {
        _weights = weights;
        _context = context;
        _settings = settings;
        LoadMs = loadMs;
    }

    public double LoadMs { get; }

    public static IGenerationRunner Load(string modelPath, BenchSettings settings)
    {
        NativeLibrarySetup.Configure(null, NullLogger.Instance);
        var started = Stopwatch.GetTimestamp();
        var parameters = new ModelParams(modelPath)
        {
            ContextSize = (uint)settings.ContextSize,
            BatchSize = (uint)settings.BatchSize,
            UBatchSize = (uint)settings.BatchSize,
            SeqMax = 1,
            Threads = settings.Threads,
            BatchThreads = settings.Threads,
            GpuLayerCount = 0,
            LoadMode = LLamaLoadMode.MemoryMap,
        };
        var weights = LLamaWeights.LoadFromFile(parameters);
        var context = weights.CreateContext(parameters);
        var loadMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return new LlamaSharpLoop(weights, context, settings, loadMs);
    }

    public Task<RunTiming> RunAsync(int variant) => _thread.RunAsync(() => Generate(BenchPrompt.For(variant, _settings.PromptTokens)));

    public ValueTask DisposeAsync()
    {
        _thread.Dispose();
        _context.Dispose();
        _weights.Dispose();
        return ValueTask.CompletedTask;
    }

    private RunTiming Generate(string prompt)
    {
        _context.NativeHandle.MemoryClear(true);
        using var sampler = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        sampler.AddGreedySampler();
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, _weights);
        var text = new StringBuilder();

        var started = Stopwatch.GetTimestamp();
        var tokens = _context.Tokenize(prompt, addBos: true, special: true);
        var evaluating = Stopwatch.GetTimestamp();
        _batch.Clear();
        for (var i = 0; i < tokens.Length; i++)
        {
            _batch.Add(tokens[i], i, LLamaSeqId.Zero, i == tokens.Length - 1);
        }

        Decode();
        var token = sampler.Sample(_context.NativeHandle, _batch.TokenCount - 1);
        var promptEvalMs = Stopwatch.GetElapsedTime(evaluating).TotalMilliseconds;
        var firstMs = double.NaN;
        var lastMs = double.NaN;
        var generated = 0;
        var chunks = 0;
        var position = tokens.Length;
        var reason = "length";
        while (true)
        {
            if (token.IsEndOfGeneration(_weights.Vocab))
            {
                reason = "stop";
                break;
            }

            generated++;
            decoder.Add(token);
            var piece = decoder.Read();
            if (piece.Length > 0)
            {
                text.Append(piece);
                lastMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (chunks++ == 0)
                {
                    firstMs = lastMs;
                }
            }

            if (generated >= _settings.Tokens)
            {
                break;
            }

            _batch.Clear();
            _batch.Add(token, position++, LLamaSeqId.Zero, true);
            Decode();
            token = sampler.Sample(_context.NativeHandle, 0);
        }

        return new RunTiming(tokens.Length, generated, firstMs, lastMs) { TextChunks = chunks, DoneReason = reason, PromptEvalMs = promptEvalMs };
    }

    private void Decode()
    {
        var result = _context.NativeHandle.Decode(_batch);
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode returned {result}.");
        }
    }
}
