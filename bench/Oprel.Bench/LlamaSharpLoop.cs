using System.Diagnostics;
using System.Text;
using LLama;
using LLama.Native;

namespace Oprel.Bench;

/// <summary>
/// Setup (1), the reference: LLamaSharp used directly in this process. One context, one LLamaBatch, synchronous
/// decodes and a greedy sampler chain, all on one thread; each token is turned into text as it comes, as a streaming
/// program would.
/// </summary>
internal sealed class LlamaSharpLoop : IGenerationRunner
{
    private readonly InProcessLlama _llama;
    private readonly LLamaBatch _batch = new();
    private readonly BenchSettings _settings;
    private readonly DedicatedThread _thread = new("llamasharp-loop");

    private LlamaSharpLoop(InProcessLlama llama, BenchSettings settings)
    {
        _llama = llama;
        _settings = settings;
    }

    public double LoadMs => _llama.LoadMs;

    public static IGenerationRunner Load(string modelPath, BenchSettings settings) =>
        new LlamaSharpLoop(InProcessLlama.Load(modelPath, settings, sequences: 1), settings);

    public Task<RunTiming> RunAsync(int variant) => _thread.RunAsync(() => Generate(BenchPrompt.For(variant, _settings.PromptTokens)));

    public ValueTask DisposeAsync()
    {
        _thread.Dispose();
        _llama.Dispose();
        return ValueTask.CompletedTask;
    }

    private RunTiming Generate(string prompt)
    {
        var context = _llama.Context;
        context.NativeHandle.MemoryClear(true);
        using var sampler = InProcessLlama.GreedySampler();
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, _llama.Weights);
        var text = new StringBuilder();

        var started = Stopwatch.GetTimestamp();
        var tokens = context.Tokenize(prompt, addBos: true, special: true);
        var evaluating = Stopwatch.GetTimestamp();
        _batch.Clear();
        for (var i = 0; i < tokens.Length; i++)
        {
            _batch.Add(tokens[i], i, LLamaSeqId.Zero, i == tokens.Length - 1);
        }

        _llama.Decode(_batch);
        var token = sampler.Sample(context.NativeHandle, _batch.TokenCount - 1);
        var promptEvalMs = Stopwatch.GetElapsedTime(evaluating).TotalMilliseconds;
        var firstMs = double.NaN;
        var lastMs = double.NaN;
        var generated = 0;
        var chunks = 0;
        var position = tokens.Length;
        var reason = "length";
        while (true)
        {
            if (token.IsEndOfGeneration(_llama.Weights.Vocab))
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
            _llama.Decode(_batch);
            token = sampler.Sample(context.NativeHandle, 0);
        }

        return new RunTiming(tokens.Length, generated, firstMs, lastMs) { TextChunks = chunks, DoneReason = reason, PromptEvalMs = promptEvalMs };
    }
}
