using System.Buffers.Binary;
using Oprel.Gguf;

namespace Oprel.Models.Tiny;

/// <summary>
/// Builds the weights of the <c>tiny</c> llama model so that it computes a word bigram model of its corpus.
/// </summary>
/// <remarks>
/// <para>
/// Every block adds nothing to the residual stream (<c>attn_output</c> and <c>ffn_down</c> are zero; the other block
/// weights are small fixed-seed noise that is multiplied away), so the final hidden state is the embedding of the
/// current token alone. Each bigram context (see <see cref="TinyBigramTable"/>) owns one axis of the embedding space,
/// dealt out with a pseudo-random sign by a fixed-seed <see cref="SplitMix64"/>, and axis 0 carries a constant bias:
/// the embedding of token t is <c>sign(c)·axis(c) + Bias·axis0</c> with c the context t leads to. These directions are
/// orthonormal, so there is no cross-talk between contexts.
/// </para>
/// <para>
/// <c>output_norm</c> (RMSNorm, weight 1) scales every embedding by the same <c>s = 1/sqrt((1 + Bias²)/n_embd + eps)</c>.
/// Row w of <c>output.weight</c> holds <c>sign(c)·L(c, w)/s</c> on the axis of every context c that w follows, so the
/// logit of w after context c is <c>L(c, w) = FollowerLogit + 0.7·ln P(w | c)</c>, plus <see cref="GreedyBonus"/> for the
/// single most frequent follower (ties go to the first seen) so that greedy decoding is well defined. Words that never
/// follow c get logit 0, and every token that is no corpus word (word pieces, bytes, control tokens) gets
/// <see cref="NeverLogit"/> through the bias axis, so it is never produced. The factor 0.7
/// (<see cref="CalibrationTemperature"/>) makes sampling at temperature 0.7 draw next words with the story's own
/// bigram frequencies; each paragraph's end is followed by the end of turn, so generations end after a paragraph or so.
/// </para>
/// <para>All arithmetic is IEEE-754 double (+, -, ×, ÷, √ and <see cref="DeterministicMath.Log"/>), rounded once to
/// F16 or F32, so the bytes are the same on every platform.</para>
/// </remarks>
internal static class TinyWeights
{
    private const int BiasAxis = 0;
    private const double Bias = 1.0;
    private const double FollowerLogit = 20.0;
    private const double CalibrationTemperature = 0.7;
    private const double GreedyBonus = 0.125;
    private const double NeverLogit = -20.0;
    private const double NoiseAmplitude = 0.05;

    public static IReadOnlyList<TinyTensor> Create(TinyVocabulary vocabulary, TinyBigramTable bigrams)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(bigrams);
        const int embedding = TinyHyperparameters.EmbeddingLength;
        var contextCount = bigrams.Contexts.Count;
        if (contextCount > embedding - 1)
        {
            throw new InvalidOperationException(
                $"The corpus has {contextCount} bigram contexts, but an embedding of {embedding} holds at most {embedding - 1}.");
        }

        var random = new SplitMix64(TinyHyperparameters.Seed);
        var axes = Enumerable.Range(1, embedding - 1).ToArray();
        random.Shuffle(axes.AsSpan());
        var signs = new double[contextCount];
        for (var context = 0; context < contextCount; context++)
        {
            signs[context] = (random.NextUInt64() & 1) == 0 ? 1.0 : -1.0;
        }

        var normScale = 1.0 / Math.Sqrt(((1.0 + (Bias * Bias)) / embedding) + TinyHyperparameters.RmsNormEpsilon);
        var vocabularySize = (ulong)vocabulary.Count;
        var tensors = new List<TinyTensor>
        {
            F16("token_embd.weight", [embedding, vocabularySize], CreateEmbeddings(vocabulary, bigrams, axes, signs)),
        };

        for (var block = 0; block < TinyHyperparameters.BlockCount; block++)
        {
            tensors.AddRange(CreateBlock(block, random));
        }

        tensors.Add(F32("output_norm.weight", [embedding], Ones(embedding)));
        tensors.Add(F16("output.weight", [embedding, vocabularySize], CreateOutput(vocabulary, bigrams, axes, signs, normScale)));
        return tensors;
    }

    private static double[] CreateEmbeddings(TinyVocabulary vocabulary, TinyBigramTable bigrams, int[] axes, double[] signs)
    {
        const int embedding = TinyHyperparameters.EmbeddingLength;
        var values = new double[vocabulary.Count * embedding];
        for (var token = 0; token < vocabulary.Count; token++)
        {
            var context = bigrams.ContextIndexOf(token);
            var row = values.AsSpan(token * embedding, embedding);
            row[BiasAxis] = Bias;
            row[axes[context]] = signs[context];
        }

        return values;
    }

    private static double[] CreateOutput(
        TinyVocabulary vocabulary, TinyBigramTable bigrams, int[] axes, double[] signs, double normScale)
    {
        const int embedding = TinyHyperparameters.EmbeddingLength;
        var values = new double[vocabulary.Count * embedding];
        for (var token = 0; token < vocabulary.Count; token++)
        {
            if (!bigrams.IsOutputToken(token))
            {
                values[(token * embedding) + BiasAxis] = NeverLogit / (Bias * normScale);
            }
        }

        for (var context = 0; context < bigrams.Contexts.Count; context++)
        {
            var bigramContext = bigrams.Contexts[context];
            var total = (double)bigramContext.TotalCount;
            var greedy = bigramContext.GreedyTokenId;
            foreach (var transition in bigramContext.Transitions)
            {
                var logit = FollowerLogit + (CalibrationTemperature * DeterministicMath.Log(transition.Count / total));
                if (transition.TokenId == greedy)
                {
                    logit += GreedyBonus;
                }

                values[(transition.TokenId * embedding) + axes[context]] = signs[context] * logit / normScale;
            }
        }

        return values;
    }

    private static IEnumerable<TinyTensor> CreateBlock(int block, SplitMix64 random)
    {
        const ulong embedding = TinyHyperparameters.EmbeddingLength;
        const ulong keyValue = TinyHyperparameters.KeyValueLength;
        const ulong feedForward = TinyHyperparameters.FeedForwardLength;
        var prefix = $"blk.{block}.";
        yield return F32(prefix + "attn_norm.weight", [embedding], Ones((int)embedding));
        yield return F16(prefix + "attn_q.weight", [embedding, embedding], Noise((int)(embedding * embedding), random));
        yield return F16(prefix + "attn_k.weight", [embedding, keyValue], Noise((int)(embedding * keyValue), random));
        yield return F16(prefix + "attn_v.weight", [embedding, keyValue], Noise((int)(embedding * keyValue), random));
        yield return F16(prefix + "attn_output.weight", [embedding, embedding], new double[embedding * embedding]);
        yield return F32(prefix + "ffn_norm.weight", [embedding], Ones((int)embedding));
        yield return F16(prefix + "ffn_gate.weight", [embedding, feedForward], Noise((int)(embedding * feedForward), random));
        yield return F16(prefix + "ffn_down.weight", [feedForward, embedding], new double[feedForward * embedding]);
        yield return F16(prefix + "ffn_up.weight", [embedding, feedForward], Noise((int)(embedding * feedForward), random));
    }

    private static double[] Ones(int count)
    {
        var values = new double[count];
        Array.Fill(values, 1.0);
        return values;
    }

    private static double[] Noise(int count, SplitMix64 random)
    {
        var values = new double[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ((2 * random.NextDouble()) - 1) * NoiseAmplitude;
        }

        return values;
    }

    private static TinyTensor F16(string name, ulong[] dimensions, double[] values)
    {
        var data = new byte[values.Length * sizeof(ushort)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(i * sizeof(ushort)), (Half)(float)values[i]);
        }

        return new TinyTensor(name, dimensions, GgmlType.F16, data);
    }

    private static TinyTensor F32(string name, ulong[] dimensions, double[] values)
    {
        var data = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * sizeof(float)), (float)values[i]);
        }

        return new TinyTensor(name, dimensions, GgmlType.F32, data);
    }
}
