namespace Oprel.Models.Tiny;

/// <summary>
/// A text split into paragraphs of words and punctuation marks, e.g. <c>["Long", "ago", ..., "valley", "."]</c>.
/// </summary>
internal sealed class TinyCorpus
{
    /// <summary>The punctuation marks a word may end with; each is a token of its own.</summary>
    public const string Punctuation = ".,!?";

    private TinyCorpus(IReadOnlyList<IReadOnlyList<string>> paragraphs, IReadOnlyList<string> words)
    {
        Paragraphs = paragraphs;
        Words = words;
    }

    /// <summary>The paragraphs, each a sequence of words and punctuation marks.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Paragraphs { get; }

    /// <summary>The distinct words (letters only, case-sensitive), in order of first appearance.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The story of the <c>tiny</c> model.</summary>
    public static TinyCorpus Story { get; } = Parse(TinyStory.Text);

    public static TinyCorpus Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraphs = new List<IReadOnlyList<string>>();
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                FlushParagraph(paragraphs, current);
                continue;
            }

            foreach (var chunk in trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var hasMark = Punctuation.Contains(chunk[^1], StringComparison.Ordinal);
                var word = hasMark ? chunk[..^1] : chunk;
                if (word.Length == 0 || !word.All(char.IsAsciiLetter))
                {
                    throw new FormatException($"'{chunk}' is not an ASCII word optionally followed by one of \"{Punctuation}\".");
                }

                current.Add(word);
                if (seen.Add(word))
                {
                    words.Add(word);
                }

                if (hasMark)
                {
                    current.Add(chunk[^1..]);
                }
            }
        }

        FlushParagraph(paragraphs, current);
        return new TinyCorpus(paragraphs, words);
    }

    private static void FlushParagraph(List<IReadOnlyList<string>> paragraphs, List<string> current)
    {
        if (current.Count == 0)
        {
            return;
        }

        if (current[^1] is not ("." or "!" or "?"))
        {
            throw new FormatException("Every paragraph must end with '.', '!' or '?'.");
        }

        paragraphs.Add(current.ToArray());
        current.Clear();
    }
}
