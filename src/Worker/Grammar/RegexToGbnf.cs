using System.Globalization;
using System.Text;

namespace Oprel.Worker.Grammar;

/// <summary>
/// Translates the regular expression of a JSON schema <c>pattern</c> into GBNF for the body of a JSON string (the
/// characters between the quotes, escaped as JSON requires). The whole string must match: anchors are accepted at the
/// ends and otherwise ignored. Supported: literals and escapes, <c>.</c>, classes (<c>[a-z]</c>, <c>[^"]</c>,
/// <c>\d \w \s</c> and their negations), groups (capturing, <c>(?:…)</c>, named), alternation and the quantifiers
/// <c>? * + {n} {n,} {n,m}</c> (lazy ones read as greedy). Anything else (lookaround, backreferences, word boundaries,
/// flags, Unicode properties) is refused with a <see cref="JsonSchemaGrammarException"/>.
/// </summary>
internal sealed class RegexToGbnf
{
    /// <summary>The largest count a quantifier may name.</summary>
    public const int MaxCount = 10_000;

    private static readonly CodePointSet Digits = CodePointSet.Range('0', '9');

    private static readonly CodePointSet WordCharacters = CodePointSet.Of(
        new CodePointRange('0', '9'), new CodePointRange('A', 'Z'), new CodePointRange('_', '_'), new CodePointRange('a', 'z'));

    private static readonly CodePointSet Whitespace = CodePointSet.Of(
        new CodePointRange('\t', '\r'),
        new CodePointRange(' ', ' '),
        new CodePointRange(0xA0, 0xA0),
        new CodePointRange(0x1680, 0x1680),
        new CodePointRange(0x2000, 0x200A),
        new CodePointRange(0x2028, 0x2029),
        new CodePointRange(0x202F, 0x202F),
        new CodePointRange(0x205F, 0x205F),
        new CodePointRange(0x3000, 0x3000),
        new CodePointRange(0xFEFF, 0xFEFF));

    private static readonly CodePointSet AnyButLineBreak = CodePointSet.Of(
        new CodePointRange('\n', '\n'), new CodePointRange('\r', '\r'), new CodePointRange(0x2028, 0x2029)).Complement();

    private readonly string _pattern;
    private readonly GbnfRuleSet _rules;
    private readonly string _hint;
    private readonly string _schemaPath;
    private int _position;

    private RegexToGbnf(string pattern, GbnfRuleSet rules, string hint, string schemaPath)
    {
        _pattern = pattern;
        _rules = rules;
        _hint = hint;
        _schemaPath = schemaPath;
    }

    /// <summary>GBNF for the JSON string body (without its quotes) of every string that <paramref name="pattern"/> matches whole.</summary>
    public static string Translate(string pattern, GbnfRuleSet rules, string hint, string schemaPath)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var translator = new RegexToGbnf(pattern, rules, hint, schemaPath);
        var result = translator.ParseAlternation();
        if (!translator.AtEnd)
        {
            throw translator.Error("unbalanced ')'");
        }

        return result.Expression;
    }

    private bool AtEnd => _position >= _pattern.Length;

    private char Current => _pattern[_position];

    private RegexFragment ParseAlternation()
    {
        var branches = new List<RegexFragment> { ParseSequence() };
        while (!AtEnd && Current == '|')
        {
            _position++;
            branches.Add(ParseSequence());
        }

        if (branches.Count == 1)
        {
            return branches[0];
        }

        var expression = $"( {string.Join(" | ", branches.Select(b => b.Expression))} )";
        return new RegexFragment(expression, branches.Any(b => b.IsNullable), IsTerm: false);
    }

    private RegexFragment ParseSequence()
    {
        var items = new List<RegexFragment>();
        var anchoredAtEnd = false;
        while (!AtEnd && Current is not '|' and not ')')
        {
            if (anchoredAtEnd)
            {
                throw Error("'$' is only supported at the end of the pattern or of an alternative");
            }

            if (Current == '^')
            {
                if (items.Count > 0)
                {
                    throw Error("'^' is only supported at the start of the pattern or of an alternative");
                }

                _position++;
                continue;
            }

            if (Current == '$')
            {
                anchoredAtEnd = true;
                _position++;
                continue;
            }

            var atom = ParseAtom();
            items.Add(ParseQuantifier(atom));
        }

        return Concatenate(items);
    }

    private static RegexFragment Concatenate(List<RegexFragment> items)
    {
        if (items.Count == 0)
        {
            return RegexFragment.Empty;
        }

        if (items.Count == 1)
        {
            return items[0];
        }

        // Neighbouring plain characters become one literal: "abc" rather than "a" "b" "c".
        var terms = new List<string>();
        var run = new StringBuilder();
        foreach (var item in items)
        {
            if (item.PlainText is { } text)
            {
                run.Append(text);
                continue;
            }

            FlushRun(terms, run);
            terms.Add(item.Expression);
        }

        FlushRun(terms, run);
        var expression = GbnfText.Sequence(terms);
        return new RegexFragment(expression, items.All(i => i.IsNullable), IsTerm: false);
    }

    private static void FlushRun(List<string> terms, StringBuilder run)
    {
        if (run.Length > 0)
        {
            terms.Add(GbnfText.Literal(run.ToString()));
            run.Clear();
        }
    }

    private RegexFragment ParseAtom()
    {
        switch (Current)
        {
            case '(':
                return ParseGroup();
            case '[':
                return Characters(ParseClass());
            case '.':
                _position++;
                return Characters(AnyButLineBreak);
            case '\\':
                _position++;
                return Characters(ParseEscape(inClass: false));
            case '*' or '+' or '?':
                throw Error($"'{Current}' has nothing to repeat");
            case '{' when TryReadCount(out _, out _, advance: false):
                throw Error("'{' has nothing to repeat");
            default:
                return Characters(CodePointSet.Single(ReadCodePoint()));
        }
    }

    private RegexFragment ParseGroup()
    {
        var start = _position;
        _position++;
        if (Peek("?:"))
        {
            _position += 2;
        }
        else if (Peek("?=") || Peek("?!") || Peek("?<=") || Peek("?<!"))
        {
            throw Error("lookaround assertions are not supported");
        }
        else if (Peek("?<") || Peek("?P<"))
        {
            var close = _pattern.IndexOf('>', _position);
            if (close < 0)
            {
                throw Error("unterminated group name");
            }

            _position = close + 1;
        }
        else if (Peek("?"))
        {
            throw Error("inline flags and other '(?' groups are not supported");
        }

        var inner = ParseAlternation();
        if (AtEnd || Current != ')')
        {
            _position = start;
            throw Error("unterminated group");
        }

        _position++;
        if (inner.Expression.Length == 0)
        {
            return RegexFragment.Empty;
        }

        var expression = inner.IsTerm || inner.Expression.StartsWith('(') ? inner.Expression : $"( {inner.Expression} )";
        return inner with { Expression = expression, PlainText = null };
    }

    private RegexFragment ParseQuantifier(RegexFragment atom)
    {
        if (AtEnd)
        {
            return atom;
        }

        int min;
        int? max;
        switch (Current)
        {
            case '*':
                (min, max) = (0, null);
                _position++;
                break;
            case '+':
                (min, max) = (1, null);
                _position++;
                break;
            case '?':
                (min, max) = (0, 1);
                _position++;
                break;
            case '{' when TryReadCount(out var low, out var high, advance: true):
                (min, max) = (low, high);
                break;
            default:
                return atom;
        }

        if (!AtEnd && Current == '?')
        {
            // A lazy quantifier matches the same strings as a greedy one.
            _position++;
        }

        if (!AtEnd && (Current is '*' or '+' or '?' || (Current == '{' && TryReadCount(out _, out _, advance: false))))
        {
            throw Error("a quantifier cannot follow another quantifier");
        }

        if (atom.Expression.Length == 0)
        {
            return RegexFragment.Empty;
        }

        if (max is null && atom.IsNullable)
        {
            throw Error("an unbounded repetition of something that can match nothing is not supported");
        }

        // Repeat a single term; a group becomes a rule of its own, which keeps llama.cpp's repetition limits simple.
        var item = atom.IsTerm ? atom.Expression : _rules.Define(_hint + "-part", atom.Expression);
        var expression = _rules.Repeat(item, min, max, _hint);
        return new RegexFragment(expression, atom.IsNullable || min == 0, IsTerm: false);
    }

    /// <summary>Reads <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> at the current position; anything else is a literal brace.</summary>
    private bool TryReadCount(out int min, out int? max, bool advance)
    {
        min = 0;
        max = null;
        var close = _pattern.IndexOf('}', _position);
        if (close < 0)
        {
            return false;
        }

        var body = _pattern[(_position + 1)..close];
        var comma = body.IndexOf(',', StringComparison.Ordinal);
        var lowText = comma < 0 ? body : body[..comma];
        var highText = comma < 0 ? body : body[(comma + 1)..];
        if (!IsCount(lowText) || (highText.Length > 0 && !IsCount(highText)))
        {
            return false;
        }

        min = ParseCount(lowText);
        max = highText.Length == 0 ? null : ParseCount(highText);
        if (advance)
        {
            _position = close + 1;
            if (max < min)
            {
                throw Error($"the quantifier {{{body}}} has its maximum below its minimum");
            }
        }

        return true;
    }

    private static bool IsCount(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private int ParseCount(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxCount)
        {
            throw Error($"a repetition count above {MaxCount} is not supported");
        }

        return count;
    }

    private CodePointSet ParseClass()
    {
        var start = _position;
        _position++;
        var negated = !AtEnd && Current == '^';
        if (negated)
        {
            _position++;
        }

        var members = CodePointSet.Empty;
        while (true)
        {
            if (AtEnd)
            {
                _position = start;
                throw Error("unterminated character class");
            }

            if (Current == ']')
            {
                _position++;
                break;
            }

            var first = ParseClassMember();
            if (!AtEnd && Current == '-' && _position + 1 < _pattern.Length && _pattern[_position + 1] != ']')
            {
                _position++;
                var last = ParseClassMember();
                if (SingleCodePoint(first) is not { } low || SingleCodePoint(last) is not { } high)
                {
                    throw Error("a range in a character class must run between two characters");
                }

                if (low > high)
                {
                    throw Error("a range in a character class runs backwards");
                }

                members = members.Union(CodePointSet.Range(low, high));
            }
            else
            {
                members = members.Union(first);
            }
        }

        return negated ? members.Complement() : members;
    }

    private CodePointSet ParseClassMember()
    {
        if (Current == '\\')
        {
            _position++;
            return ParseEscape(inClass: true);
        }

        if (Current == '[' && _position + 1 < _pattern.Length && _pattern[_position + 1] == ':')
        {
            throw Error("POSIX classes such as [:alpha:] are not supported");
        }

        return CodePointSet.Single(ReadCodePoint());
    }

    private static int? SingleCodePoint(CodePointSet set) =>
        set.Ranges is [{ First: var first, Last: var last }] && first == last ? first : null;

    private CodePointSet ParseEscape(bool inClass)
    {
        if (AtEnd)
        {
            throw Error("the pattern ends with a lone backslash");
        }

        var letter = Current;
        _position++;
        switch (letter)
        {
            case 'd':
                return Digits;
            case 'D':
                return Digits.Complement();
            case 'w':
                return WordCharacters;
            case 'W':
                return WordCharacters.Complement();
            case 's':
                return Whitespace;
            case 'S':
                return Whitespace.Complement();
            case 't':
                return CodePointSet.Single('\t');
            case 'n':
                return CodePointSet.Single('\n');
            case 'r':
                return CodePointSet.Single('\r');
            case 'f':
                return CodePointSet.Single('\f');
            case 'v':
                return CodePointSet.Single('\v');
            case 'b' when inClass:
                return CodePointSet.Single('\b');
            case '0' when AtEnd || !char.IsAsciiDigit(Current):
                return CodePointSet.Single(0);
            case 'x':
                return CodePointSet.Single(ReadHex(2));
            case 'u':
                return CodePointSet.Single(ReadUnicodeEscape());
            case 'c' when !AtEnd && char.IsAsciiLetter(Current):
                var control = Current % 32;
                _position++;
                return CodePointSet.Single(control);
            case 'b' or 'B':
                _position -= 2;
                throw Error("word boundaries are not supported");
            case >= '1' and <= '9' or 'k':
                _position -= 2;
                throw Error("backreferences are not supported");
            case 'p' or 'P':
                _position -= 2;
                throw Error("Unicode property escapes are not supported");
            default:
                if (char.IsAsciiLetterOrDigit(letter))
                {
                    _position -= 2;
                    throw Error($"the escape '\\{letter}' is not supported");
                }

                _position--;
                return CodePointSet.Single(ReadCodePoint());
        }
    }

    private int ReadUnicodeEscape()
    {
        if (!AtEnd && Current == '{')
        {
            var close = _pattern.IndexOf('}', _position);
            if (close < 0)
            {
                throw Error("unterminated \\u{...} escape");
            }

            var digits = _pattern[(_position + 1)..close];
            if (digits.Length is 0 or > 6
                || !int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
                || value > CodePointSet.MaxCodePoint)
            {
                throw Error("invalid \\u{...} escape");
            }

            _position = close + 1;
            return value;
        }

        var unit = ReadHex(4);
        if (char.IsHighSurrogate((char)unit) && Peek("\\u"))
        {
            _position += 2;
            var low = ReadHex(4);
            if (!char.IsLowSurrogate((char)low))
            {
                throw Error("a high surrogate escape must be followed by a low one");
            }

            return char.ConvertToUtf32((char)unit, (char)low);
        }

        if (char.IsSurrogate((char)unit))
        {
            throw Error("a lone surrogate cannot appear in a JSON string");
        }

        return unit;
    }

    private int ReadHex(int length)
    {
        if (_position + length > _pattern.Length
            || !int.TryParse(_pattern.AsSpan(_position, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"expected {length} hexadecimal digits");
        }

        _position += length;
        return value;
    }

    private int ReadCodePoint()
    {
        if (Rune.DecodeFromUtf16(_pattern.AsSpan(_position), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
        {
            throw Error("the pattern holds an invalid UTF-16 sequence");
        }

        _position += consumed;
        return rune.Value;
    }

    private RegexFragment Characters(CodePointSet set)
    {
        var expression = JsonStringCharacters.Expression(set) ?? throw Error("this part matches no character a JSON string can hold");
        var single = SingleCodePoint(set);
        var plainText = single is { } codePoint && JsonStringCharacters.IsUnescaped(codePoint) ? char.ConvertFromUtf32(codePoint) : null;
        return new RegexFragment(expression, IsNullable: false, IsTerm: !expression.StartsWith('('), plainText);
    }

    private bool Peek(string text) => _pattern.AsSpan(_position).StartsWith(text, StringComparison.Ordinal);

    private JsonSchemaGrammarException Error(string reason) =>
        JsonSchemaGrammarException.At(_schemaPath, $"the pattern '{_pattern}' cannot be enforced: {reason} (at offset {_position}).");
}
