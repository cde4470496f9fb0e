namespace Oprel.Models.Tiny;

/// <summary>
/// What may follow one context: a word or punctuation token, or (<see cref="TokenId"/> null) the start of a text,
/// which is also where every non-word token (BOS, the chat tokens, a newline, a word piece) leads.
/// </summary>
/// <param name="TokenId">The context's token, or null for the start context.</param>
/// <param name="Transitions">The next tokens, in order of first appearance in the corpus.</param>
internal sealed record TinyBigramContext(int? TokenId, IReadOnlyList<TinyTransition> Transitions)
{
    public int TotalCount => Transitions.Sum(transition => transition.Count);

    /// <summary>The most frequent next token; of equally frequent ones, the one that appears first in the corpus.</summary>
    public int GreedyTokenId => Transitions.Aggregate((best, next) => next.Count > best.Count ? next : best).TokenId;
}
