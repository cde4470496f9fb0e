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
internal sealed class LlamaSharpLoop(InProcessLlama llama, BenchSettings settings) : InProcessRunner(llama, settings, "llamasharp-loop")
{
    public static IGenerationRunner Load(string modelPath, BenchSettings settings) =>
        new LlamaSharpLoop(InProcessLlama.Load(modelPath, settings, sequences: 1), settings);

    protected override RunTiming Generate(int variant, int tokens)
    {
        var prompt = BenchPrompt.For(variant, Settings.PromptTokens);
        var context = Llama.Context;
        context.NativeHandle.MemoryClear(false);
        using var sampler = InProcessLlama.GreedySampler();
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, Llama.Weights);
        var text = new StringBuilder();

        var started = Stopwatch.GetTimestamp();
        var promptTokens = context.Tokenize(prompt, addBos: true, special: true);
        var evaluating = Stopwatch.GetTimestamp();
        Batch.Clear();
        for (var i = 0; i < promptTokens.Length; i++)
        {
            Batch.Add(promptTokens[i], i, LLamaSeqId.Zero, i == promptTokens.Length - 1);
        }

        Llama.Decode(Batch);
        var token = sampler.Sample(context.NativeHandle, Batch.TokenCount - 1);
        var promptEvalMs = Stopwatch.GetElapsedTime(evaluating).TotalMilliseconds;
        var firstMs = double.NaN;
        var lastMs = double.NaN;
        var generated = 0;
        var chunks = 0;
        var position = promptTokens.Length;
        var reason = "length";
        while (true)
        {
            if (token.IsEndOfGeneration(Llama.Weights.Vocab))
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

            if (generated >= tokens)
            {
                break;
            }

            Batch.Clear();
            Batch.Add(token, position++, LLamaSeqId.Zero, true);
            Llama.Decode(Batch);
            token = sampler.Sample(context.NativeHandle, 0);
        }

        return new RunTiming(promptTokens.Length, generated, firstMs, lastMs) { TextChunks = chunks, DoneReason = reason, PromptEvalMs = promptEvalMs };
    }
}
