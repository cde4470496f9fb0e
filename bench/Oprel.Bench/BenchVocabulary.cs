using Oprel.Models.Tiny;

namespace Oprel.Bench;

/// <summary>
/// The vocabulary of a generated model: the built-in <c>tiny</c> model's SentencePiece vocabulary (special tokens, byte
/// fallback, characters and the story's words, so prompts tokenize as in <c>tiny</c>) padded with "▁zq1", "▁zq2", …
/// to the vocabulary size of the model it imitates, so that the output layer costs what it costs there.
/// </summary>
internal sealed class BenchVocabulary
{
    private BenchVocabulary(List<string> tokens, List<float> scores, List<int> types, int firstPaddingId)
    {
        Tokens = tokens;
        Scores = scores;
        Types = types;
        FirstPaddingId = firstPaddingId;
    }

    public IReadOnlyList<string> Tokens { get; }

    public IReadOnlyList<float> Scores { get; }

    public IReadOnlyList<int> Types { get; }

    public int FirstPaddingId { get; }

    public int Count => Tokens.Count;

    public static BenchVocabulary Create(int size)
    {
        var tiny = TinyVocabulary.Create(TinyCorpus.Story);
        if (size < tiny.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The vocabulary needs at least the {tiny.Count} tokens of tiny.");
        }

        var tokens = new List<string>(tiny.Tokens);
        var scores = new List<float>(tiny.Scores);
        var types = new List<int>(tiny.TypeCodes);
        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);
        for (var n = 1; tokens.Count < size; n++)
        {
            var token = $"{TinyVocabulary.WordBoundary}zq{n}";
            if (seen.Add(token))
            {
                tokens.Add(token);
                scores.Add(0);
                types.Add((int)TinyTokenType.Normal);
            }
        }

        return new BenchVocabulary(tokens, scores, types, tiny.Count);
    }

    /// <summary>True for tokens that print visible text (not control, unknown or byte tokens).</summary>
    public bool IsNormal(int id) => Types[id] == (int)TinyTokenType.Normal;
}
