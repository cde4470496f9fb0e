using Oprel.Models.Tiny;

namespace Oprel.Bench;

/// <summary>
/// The benchmark's raw prompts: words of tiny's story, each one token of the generated models' vocabulary, so that a
/// prompt of N tokens is BOS and N-1 words. Every word is drawn from the variant and its position, so two variants
/// share no more than a chance word or two at the start, and no run can reuse another's prompt cache.
/// </summary>
internal static class BenchPrompt
{
    private static readonly string[] Vocabulary = TinyCorpus.Story.Words
        .Where(w => !TinyCorpus.Punctuation.Contains(w[0], StringComparison.Ordinal))
        .ToArray();

    /// <summary>A prompt for warm-up runs, unlike any timed run's.</summary>
    public static string WarmUp(int variant, int tokens) => For(10_000 + variant, tokens);

    /// <summary>The prompt variant of the untimed run that precedes the timed run of <paramref name="variant"/>.</summary>
    public static int PrimerVariant(int variant) => 5_000_000 + variant;

    /// <summary>The prompt variant of the <paramref name="run"/>th short run that times the first token after the timed run of <paramref name="variant"/>.</summary>
    public static int FirstTokenVariant(int variant, int run) => 7_000_000 + (variant * 16) + run;

    /// <summary>The prompt variant of one of the concurrent streams of a round: the same in (4) and (5), and in no other run.</summary>
    public static int StreamVariant(int variant, int stream) => (variant * BenchSettings.ConcurrentStreams) + stream + 1_000_000;

    public static string For(int variant, int tokens)
    {
        var words = new string[Math.Max(1, tokens - 1)];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = Vocabulary[(int)(Mix(((ulong)(uint)variant << 32) | (uint)i) % (ulong)Vocabulary.Length)];
        }

        return string.Join(' ', words);
    }

    /// <summary>SplitMix64's finaliser: a well-spread number for each input.</summary>
    private static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
