using System.Globalization;

namespace Oprel.Models.Tiny;

/// <summary>
/// A SentencePiece-style (<c>tokenizer.ggml.model = "llama"</c>) vocabulary of whole words. Besides the special
/// tokens, the 256 byte-fallback tokens and the single printable ASCII characters, it holds every word of a corpus as
/// <c>"▁word"</c> together with all of that token's prefixes (<c>"▁f"</c>, <c>"▁fo"</c>, <c>"▁fox"</c>). Longer tokens score
/// higher, so llama.cpp's SPM tokenizer, which merges adjacent symbols into the best-scoring token that exists,
/// grows every typed word letter by letter into its whole-word token.
/// </summary>
internal sealed class TinyVocabulary
{
    public const int UnknownId = 0;
    public const int BeginOfSequenceId = 1;
    public const int EndOfSequenceId = 2;
    public const int ImStartId = 3;
    public const int ImEndId = 4;
    public const int FirstByteId = 5;

    /// <summary>SentencePiece's word-boundary mark U+2581, which stands for a leading space.</summary>
    public const string WordBoundary = "\u2581";

    private readonly Dictionary<string, int> _ids;

    private TinyVocabulary(List<string> tokens, List<float> scores, List<TinyTokenType> types)
    {
        Tokens = tokens;
        Scores = scores;
        Types = types;
        TypeCodes = types.ConvertAll(type => (int)type);
        _ids = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var id = 0; id < tokens.Count; id++)
        {
            _ids.Add(tokens[id], id);
        }
    }

    public IReadOnlyList<string> Tokens { get; }

    public IReadOnlyList<float> Scores { get; }

    public IReadOnlyList<TinyTokenType> Types { get; }

    /// <summary>The token types as the integers written to <c>tokenizer.ggml.token_type</c>.</summary>
    public IReadOnlyList<int> TypeCodes { get; }

    public int Count => Tokens.Count;

    public static TinyVocabulary Create(TinyCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var tokens = new List<string>();
        var scores = new List<float>();
        var types = new List<TinyTokenType>();
        void Add(string text, float score, TinyTokenType type)
        {
            tokens.Add(text);
            scores.Add(score);
            types.Add(type);
        }

        Add("<unk>", 0, TinyTokenType.Unknown);
        Add("<s>", 0, TinyTokenType.Control);
        Add("</s>", 0, TinyTokenType.Control);
        Add("<|im_start|>", 0, TinyTokenType.Control);
        Add("<|im_end|>", 0, TinyTokenType.Control);
        for (var value = 0; value < 256; value++)
        {
            Add(string.Create(CultureInfo.InvariantCulture, $"<0x{value:X2}>"), 0, TinyTokenType.Byte);
        }

        Add(WordBoundary, 1, TinyTokenType.Normal);
        for (var character = '!'; character <= '~'; character++)
        {
            Add(character.ToString(), 1, TinyTokenType.Normal);
        }

        var pieces = new SortedSet<string>(Comparer<string>.Create(CompareByLengthThenOrdinal));
        foreach (var word in corpus.Words)
        {
            var piece = WordBoundary + word;
            for (var length = 2; length <= piece.Length; length++)
            {
                pieces.Add(piece[..length]);
            }
        }

        foreach (var piece in pieces)
        {
            Add(piece, piece.Length, TinyTokenType.Normal);
        }

        return new TinyVocabulary(tokens, scores, types);
    }

    public int IdOf(string tokenText) =>
        _ids.TryGetValue(tokenText, out var id) ? id : throw new KeyNotFoundException($"'{tokenText}' is not in the vocabulary.");

    /// <summary>The token of a corpus entry: <c>"▁word"</c> for a word, the mark itself for punctuation.</summary>
    public int IdOfWord(string word)
    {
        ArgumentException.ThrowIfNullOrEmpty(word);
        var isMark = word.Length == 1 && TinyCorpus.Punctuation.Contains(word[0], StringComparison.Ordinal);
        return IdOf(isMark ? word : WordBoundary + word);
    }

    private static int CompareByLengthThenOrdinal(string? left, string? right)
    {
        var byLength = (left?.Length ?? 0).CompareTo(right?.Length ?? 0);
        return byLength != 0 ? byLength : string.CompareOrdinal(left, right);
    }
}
