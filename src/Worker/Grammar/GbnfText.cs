using System.Globalization;
using System.Text;

namespace Oprel.Worker.Grammar;

/// <summary>Spelling of GBNF terminals: quoted literals and character classes, escaped so llama.cpp's parser reads them back exactly.</summary>
internal static class GbnfText
{
    /// <summary>A quoted GBNF literal that matches <paramref name="text"/> exactly.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            switch (value)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case >= 0x20 and < 0x7F:
                    builder.Append((char)value);
                    break;
                default:
                    AppendEscaped(builder, value);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A GBNF character class <c>[...]</c> (or <c>[^...]</c>) of inclusive code point ranges.</summary>
    public static string CharacterClass(IEnumerable<CodePointRange> ranges, bool negated)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var builder = new StringBuilder("[");
        if (negated)
        {
            builder.Append('^');
        }

        foreach (var range in ranges)
        {
            AppendClassMember(builder, range.First);
            if (range.Last > range.First)
            {
                builder.Append('-');
                AppendClassMember(builder, range.Last);
            }
        }

        return builder.Append(']').ToString();
    }

    /// <summary>
    /// <paramref name="item"/> (one GBNF term: a rule name, a literal, a class or a parenthesised group) repeated between
    /// <paramref name="min"/> and <paramref name="max"/> times (<see langword="null"/>: no upper bound), or an empty string
    /// when it must appear zero times.
    /// </summary>
    public static string Repeat(string item, int min, int? max)
    {
        ArgumentException.ThrowIfNullOrEmpty(item);
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        if (max is { } upper)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(upper, min);
        }

        return (min, max) switch
        {
            (0, 0) => "",
            (1, 1) => item,
            (0, 1) => item + "?",
            (0, null) => item + "*",
            (1, null) => item + "+",
            (_, null) => Invariant($"{item}{{{min},}}"),
            _ when min == max => Invariant($"{item}{{{min}}}"),
            _ => Invariant($"{item}{{{min},{max}}}"),
        };
    }

    /// <summary>Joins GBNF terms into a sequence, leaving out empty ones.</summary>
    public static string Sequence(params IEnumerable<string> terms) =>
        string.Join(' ', terms.Where(term => term.Length > 0));

    /// <summary>Whether <paramref name="expression"/> is a single rule name, so it can be used as a term without parentheses.</summary>
    public static bool IsRuleName(string expression) =>
        expression.Length > 0 && expression.All(IsNameCharacter);

    public static bool IsNameCharacter(char character) => char.IsAsciiLetterOrDigit(character) || character == '-';

    private static void AppendClassMember(StringBuilder builder, int value)
    {
        if (value < 0x80 && char.IsAsciiLetterOrDigit((char)value))
        {
            builder.Append((char)value);
        }
        else
        {
            AppendEscaped(builder, value);
        }
    }

    private static void AppendEscaped(StringBuilder builder, int value)
    {
        var escape = value switch
        {
            <= 0xFF => Invariant($"\\x{value:X2}"),
            <= 0xFFFF => Invariant($"\\u{value:X4}"),
            _ => Invariant($"\\U{value:X8}"),
        };
        builder.Append(escape);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
