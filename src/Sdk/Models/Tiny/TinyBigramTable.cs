namespace Oprel.Models.Tiny;

/// <summary>
/// The bigram counts of a corpus over vocabulary tokens: each paragraph begins in the start context and is followed
/// by the end-of-turn token <c>&lt;|im_end|&gt;</c>, so that generations end after a paragraph or so.
/// </summary>
internal sealed class TinyBigramTable
{
    public const int StartContextIndex = 0;

    private readonly Dictionary<int, int> _contextIndexByToken;

    private TinyBigramTable(IReadOnlyList<TinyBigramContext> contexts, Dictionary<int, int> contextIndexByToken)
    {
        Contexts = contexts;
        _contextIndexByToken = contextIndexByToken;
    }

    /// <summary>The start context first, then one context per word or punctuation token in order of first appearance.</summary>
    public IReadOnlyList<TinyBigramContext> Contexts { get; }

    public static TinyBigramTable Create(TinyCorpus corpus, TinyVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var contextTokens = new List<int?> { null };
        var contextIndexByToken = new Dictionary<int, int>();
        var counts = new List<List<TinyTransition>> { new() };
        foreach (var paragraph in corpus.Paragraphs)
        {
            var context = StartContextIndex;
            foreach (var word in paragraph)
            {
                var tokenId = vocabulary.IdOfWord(word);
                Count(counts[context], tokenId);
                if (!contextIndexByToken.TryGetValue(tokenId, out context))
                {
                    context = contextTokens.Count;
                    contextIndexByToken.Add(tokenId, context);
                    contextTokens.Add(tokenId);
                    counts.Add([]);
                }
            }

            Count(counts[context], TinyVocabulary.ImEndId);
        }

        var contexts = new TinyBigramContext[contextTokens.Count];
        for (var index = 0; index < contexts.Length; index++)
        {
            contexts[index] = new TinyBigramContext(contextTokens[index], counts[index]);
        }

        return new TinyBigramTable(contexts, contextIndexByToken);
    }

    /// <summary>The context a token leads to: its own for a word or punctuation token, else the start context.</summary>
    public int ContextIndexOf(int tokenId) =>
        _contextIndexByToken.TryGetValue(tokenId, out var index) ? index : StartContextIndex;

    /// <summary>Whether the model may ever produce <paramref name="tokenId"/>: a corpus word or mark, or the end of turn.</summary>
    public bool IsOutputToken(int tokenId) =>
        tokenId == TinyVocabulary.ImEndId || _contextIndexByToken.ContainsKey(tokenId);

    private static void Count(List<TinyTransition> transitions, int tokenId)
    {
        var index = transitions.FindIndex(transition => transition.TokenId == tokenId);
        if (index < 0)
        {
            transitions.Add(new TinyTransition(tokenId, 1));
        }
        else
        {
            transitions[index] = transitions[index] with { Count = transitions[index].Count + 1 };
        }
    }
}
