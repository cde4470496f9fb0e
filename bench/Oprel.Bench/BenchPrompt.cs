using Oprel.Models.Tiny;

namespace Oprel.Bench;

/// <summary>
/// The benchmark's raw prompts: words of tiny's story, each one token of the generated models' vocabulary, so that a
/// prompt of N tokens is BOS and N-1 words. The first word differs between variants, so no run can reuse another's
/// prompt cache beyond BOS.
/// </summary>
internal static class BenchPrompt
{
    private static readonly string[] StoryWords = TinyCorpus.Story.Paragraphs
        .SelectMany(p => p)
        .Where(w => !TinyCorpus.Punctuation.Contains(w[0], StringComparison.Ordinal))
        .ToArray();

    /// <summary>A prompt for warm-up runs, unlike any timed run's.</summary>
    public static string WarmUp(int variant, int tokens) => For(10_000 + variant, tokens);

    public static string For(int variant, int tokens)
    {
        var distinct = TinyCorpus.Story.Words;
        var words = new string[Math.Max(1, tokens - 1)];
        words[0] = distinct[(int)((((long)variant * 7) + 3) % distinct.Count + distinct.Count) % distinct.Count];
        for (var i = 1; i < words.Length; i++)
        {
            words[i] = StoryWords[(i - 1) % StoryWords.Length];
        }

        return string.Join(' ', words);
    }
}
