using System.Reflection;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;
using Oprel.Models.Tiny;

namespace Oprel.Worker.Tests.Grammar;

/// <summary>
/// Puts GBNF grammars to llama.cpp's own grammar engine (through LLamaSharp) on the tiny model: whether it parses a
/// grammar, whether the grammar lets a given text through to the end, and what a sampler constrained by it generates.
/// </summary>
internal sealed class LlamaGrammarProbe(LLamaWeights weights, ModelParams parameters, TinyVocabulary vocabulary)
{
    /// <summary>
    /// LLamaSharp adds the sampler llama.cpp returns to the chain without looking at it; a grammar llama.cpp cannot
    /// parse comes back as a null sampler. Reading the chain's first sampler is the only way to see that.
    /// </summary>
    private static readonly MethodInfo ChainGet =
        typeof(SafeLLamaSamplerChainHandle).GetMethod("llama_sampler_chain_get", BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new MissingMethodException("LLamaSharp no longer has SafeLLamaSamplerChainHandle.llama_sampler_chain_get.");

    private static readonly Lock Gate = new();

    private readonly LLamaToken _endOfGeneration = weights.Vocab.EOS ?? throw new InvalidOperationException("The model has no EOS token.");

    /// <summary>Whether llama.cpp parses <paramref name="gbnf"/> into a grammar sampler (rule <c>root</c>).</summary>
    public bool Parses(string gbnf)
    {
        using var chain = CreateChain(gbnf, out var parsed);
        return parsed;
    }

    /// <summary>
    /// Whether the grammar allows <paramref name="text"/>, fed as single characters (bytes outside printable ASCII),
    /// from the start through to its end, where it must allow end of generation.
    /// </summary>
    public bool Accepts(string gbnf, string text)
    {
        using var chain = CreateChain(gbnf, out var parsed);
        if (!parsed)
        {
            throw new InvalidOperationException("llama.cpp did not parse the grammar:\n" + gbnf);
        }

        foreach (var token in CharacterTokens(text))
        {
            if (!Allows(chain, token))
            {
                return false;
            }

            chain.Accept(token);
        }

        return Allows(chain, _endOfGeneration);
    }

    /// <summary>
    /// Samples up to <paramref name="maxTokens"/> tokens after <paramref name="prompt"/> with the grammar first in the chain,
    /// then greedy (<paramref name="temperature"/> 0) or temperature and a seeded distribution.
    /// </summary>
    public GrammarGeneration Generate(string gbnf, string prompt, int maxTokens, float temperature = 0f, uint seed = 1)
    {
        lock (Gate)
        {
            using var chain = CreateChain(gbnf, out var parsed);
            if (!parsed)
            {
                throw new InvalidOperationException("llama.cpp did not parse the grammar:\n" + gbnf);
            }

            if (temperature <= 0f)
            {
                chain.AddGreedySampler();
            }
            else
            {
                chain.AddTemperature(temperature);
                chain.AddDistributionSampler(seed);
            }

            using var context = weights.CreateContext(parameters);
            var decoder = new StreamingTokenDecoder(Encoding.UTF8, weights);
            var batch = new LLamaBatch();
            var promptTokens = weights.Tokenize(prompt, add_bos: true, special: true, Encoding.UTF8);
            batch.AddRange(promptTokens, 0, LLamaSeqId.Zero, true);
            var position = promptTokens.Length;
            var text = new StringBuilder();
            for (var count = 0; count < maxTokens; count++)
            {
                Decode(context, batch);
                var token = chain.Sample(context.NativeHandle, batch.TokenCount - 1);
                if (token == _endOfGeneration || token == weights.Vocab.EOT)
                {
                    return new GrammarGeneration(text.ToString(), count, EndedByGrammar: true);
                }

                decoder.Add(token);
                text.Append(decoder.Read());
                batch.Clear();
                batch.Add(token, position++, LLamaSeqId.Zero, true);
            }

            return new GrammarGeneration(text.ToString(), maxTokens, EndedByGrammar: false);
        }
    }

    private static void Decode(LLamaContext context, LLamaBatch batch)
    {
        var result = context.NativeHandle.Decode(batch);
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode returned {result}.");
        }
    }

    private SafeLLamaSamplerChainHandle CreateChain(string gbnf, out bool parsed)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        chain.AddGrammar(weights.NativeHandle, gbnf, "root");
        parsed = (IntPtr)ChainGet.Invoke(null, [chain, 0])! != IntPtr.Zero;
        return chain;
    }

    /// <summary>Whether the grammar in <paramref name="chain"/> leaves <paramref name="token"/> possible next.</summary>
    private static bool Allows(SafeLLamaSamplerChainHandle chain, LLamaToken token)
    {
        var candidates = new LLamaTokenDataArray(new[] { new LLamaTokenData(token, 0f, 0f) }, false);
        using (LLamaTokenDataArrayNative.Create(candidates, out var native))
        {
            chain.Apply(ref native);
        }

        return !float.IsNegativeInfinity(candidates.Data.Span[0].Logit);
    }

    /// <summary>The text as the tiny model's single-character tokens: printable ASCII, the space mark, and byte tokens.</summary>
    private IEnumerable<LLamaToken> CharacterTokens(string text)
    {
        foreach (var value in Encoding.UTF8.GetBytes(text))
        {
            yield return value switch
            {
                (byte)' ' => vocabulary.IdOf(TinyVocabulary.WordBoundary),
                >= (byte)'!' and <= (byte)'~' => vocabulary.IdOf(((char)value).ToString()),
                _ => TinyVocabulary.FirstByteId + value,
            };
        }
    }
}
