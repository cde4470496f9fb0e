using System.Text;
using LLama;
using LLama.Native;
using LLama.Sampling;

namespace Oprel.Sdk.Tests.Models.Tiny;

/// <summary>A plain llama.cpp decode loop over the tiny model: greedy (arg-max) or through a sampling pipeline.</summary>
internal static class TinyGeneration
{
    public static string ChatPrompt(LLamaWeights weights, string userMessage)
    {
        var template = new LLamaTemplate(weights) { AddAssistant = true };
        template.Add("user", userMessage);
        return Encoding.UTF8.GetString(template.Apply());
    }

    public static TinyGenerationResult Greedy(TinyLlamaFixture fixture, string prompt, int maxTokens) =>
        Run(fixture, prompt, maxTokens, sampler: null);

    public static TinyGenerationResult Sample(TinyLlamaFixture fixture, string prompt, int maxTokens, DefaultSamplingPipeline sampler) =>
        Run(fixture, prompt, maxTokens, sampler);

    private static TinyGenerationResult Run(TinyLlamaFixture fixture, string prompt, int maxTokens, DefaultSamplingPipeline? sampler)
    {
        using var context = fixture.Weights.CreateContext(fixture.Parameters);
        var vocabulary = fixture.Weights.Vocab;
        var promptTokens = context.Tokenize(prompt, addBos: true, special: true);
        var batch = new LLamaBatch();
        batch.AddRange(promptTokens, 0, LLamaSeqId.Zero, true);
        Decode(context, batch);
        var position = promptTokens.Length;
        var generated = new List<LLamaToken>();
        for (var step = 0; step < maxTokens; step++)
        {
            var token = sampler is null
                ? ArgMax(context.NativeHandle.GetLogitsIth(batch.TokenCount - 1))
                : sampler.Sample(context.NativeHandle, batch.TokenCount - 1);
            sampler?.Accept(token);
            if (token.IsEndOfGeneration(vocabulary))
            {
                return new TinyGenerationResult(generated, Detokenize(context, generated), EndedOnItsOwn: true);
            }

            generated.Add(token);
            batch.Clear();
            batch.Add(token, position++, LLamaSeqId.Zero, true);
            Decode(context, batch);
        }

        return new TinyGenerationResult(generated, Detokenize(context, generated), EndedOnItsOwn: false);
    }

    private static string Detokenize(LLamaContext context, List<LLamaToken> tokens)
    {
        var decoder = new StreamingTokenDecoder(context);
        decoder.AddRange(tokens);
        return decoder.Read();
    }

    private static void Decode(LLamaContext context, LLamaBatch batch)
    {
        var result = context.Decode(batch);
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode failed: {result}.");
        }
    }

    private static LLamaToken ArgMax(Span<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }
}
