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
/// decodes and a greedy sampler chain; each token is turned into text as it comes, as a streaming program would.
/// </summary>
internal sealed class LlamaSharpSetup : IBenchSetup
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly LLamaBatch _batch = new();
    private readonly BenchSettings _settings;

    private LlamaSharpSetup(LLamaWeights weights, LLamaContext context, BenchSettings settings)
    {
        _weights = weights;
        _context = context;
        _settings = settings;
    }

    public IReadOnlyList<Measurement> Measurements { get; private set; } = [];

    public static IBenchSetup Load(string modelPath, BenchSettings settings)
    {
        NativeLibrarySetup.Configure(null, NullLogger.Instance);
        var residentBefore = Metrics.ResidentMiB(Environment.ProcessId);
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
        var setup = new LlamaSharpSetup(weights, context, settings);
        var warmUp = setup.Generate(BenchPrompt.WarmUp(0, settings.PromptTokens));
        if (warmUp.PromptTokens != settings.PromptTokens)
        {
            Console.Error.WriteLine($"warning: the prompt has {warmUp.PromptTokens} tokens, not {settings.PromptTokens}");
        }

        var memory = $"+{Metrics.ResidentMiB(Environment.ProcessId) - residentBefore:0} MiB RSS";
        setup.Measurements = [new Measurement("(1) LLamaSharp in process (reference)", loadMs, v => Task.FromResult(setup.Generate(BenchPrompt.For(v, settings.PromptTokens))), () => memory)];
        return setup;
    }

    public ServerFigures? Figures() => null;

    public ValueTask DisposeAsync()
    {
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
        _batch.Clear();
        for (var i = 0; i < tokens.Length; i++)
        {
            _batch.Add(tokens[i], i, LLamaSeqId.Zero, i == tokens.Length - 1);
        }

        Decode();
        var token = sampler.Sample(_context.NativeHandle, _batch.TokenCount - 1);
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

        return new RunTiming(tokens.Length, generated, firstMs, lastMs) { TextChunks = chunks, DoneReason = reason };
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
