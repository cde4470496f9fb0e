using System.Globalization;

namespace Oprel.Worker.Grammar;

/// <summary>
/// Spells sets of characters as they appear inside a JSON string: most stand as they are, while quotes, backslashes
/// and control characters must be written as escapes (<c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\u001b</c>).
/// </summary>
internal static class JsonStringCharacters
{
    /// <summary>The characters JSON lets stand unescaped in a string (DEL aside, which is a control character too).</summary>
    public static CodePointSet Unescaped { get; } = CodePointSet.Of(
        new CodePointRange(0x20, 0x21),
        new CodePointRange(0x23, 0x5B),
        new CodePointRange(0x5D, 0x7E),
        new CodePointRange(0x80, 0xD7FF),
        new CodePointRange(0xE000, CodePointSet.MaxCodePoint));

    private static readonly CodePointSet AllControls = CodePointSet.Range(0x00, 0x1F);

    private static readonly CodePointSet Escaped = CodePointSet.Of(
        new CodePointRange(0x00, 0x1F),
        new CodePointRange('"', '"'),
        new CodePointRange('\\', '\\'),
        new CodePointRange(0x7F, 0x7F));

    /// <summary>
    /// GBNF for one character of a JSON string whose decoded value is in <paramref name="characters"/>, or
    /// <see langword="null"/> when the set holds no character a JSON string can carry.
    /// </summary>
    public static string? Expression(CodePointSet characters)
    {
        ArgumentNullException.ThrowIfNull(characters);
        var alternatives = new List<string>();
        var plain = characters.Intersect(Unescaped);
        if (!plain.IsEmpty)
        {
            alternatives.Add(Class(plain));
        }

        var escaped = characters.Intersect(Escaped);
        if (escaped.Intersect(AllControls).Ranges.Sum(range => range.Last - range.First + 1) == 0x20)
        {
            // Every control character: one \u00XX alternative rather than thirty-two.
            alternatives.Add($"{GbnfText.Literal("\\u00")} [01] [0-9a-fA-F]");
            escaped = escaped.Except(AllControls);
        }

        foreach (var range in escaped.Ranges)
        {
            for (var codePoint = range.First; codePoint <= range.Last; codePoint++)
            {
                alternatives.Add(GbnfText.Literal(EscapeSequence(codePoint)));
            }
        }

        return alternatives.Count switch
        {
            0 => null,
            1 => alternatives[0],
            _ => $"( {string.Join(" | ", alternatives)} )",
        };
    }

    /// <summary>Whether the character can be written in a JSON string as it is.</summary>
    public static bool IsUnescaped(int codePoint) => Unescaped.Contains(codePoint);

    /// <summary>The JSON escape for a character that cannot stand as it is.</summary>
    public static string EscapeSequence(int codePoint) => codePoint switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => "\\u" + codePoint.ToString("x4", CultureInfo.InvariantCulture),
    };

    private static string Class(CodePointSet plain)
    {
        if (plain.Ranges is [{ First: var first, Last: var last }] && first == last)
        {
            return GbnfText.Literal(char.ConvertFromUtf32(first));
        }

        // A class of the characters left out is shorter for broad sets such as "anything but a digit".
        var excluded = plain.Complement();
        return excluded.Ranges.Count < plain.Ranges.Count
            ? GbnfText.CharacterClass(excluded.Ranges, negated: true)
            : GbnfText.CharacterClass(plain.Ranges, negated: false);
    }
}
