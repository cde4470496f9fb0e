using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Oprel.Worker.Templates.Parsing;

/// <summary>
/// Splits a template into text and the tokens of its tags, applying Jinja's whitespace control: <c>{%-</c> and
/// <c>-%}</c> (also on <c>{{ }}</c> and <c>{# #}</c>) strip the whitespace beside them, and with transformers' settings
/// <c>trim_blocks</c> drops the newline after a block tag and <c>lstrip_blocks</c> the indentation before one.
/// </summary>
internal sealed partial class Lexer
{
    private static readonly string[] Symbols = ["//", "**", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "=", "<", ">", ";"];

    private readonly string _source;
    private readonly bool _trimBlocks;
    private readonly bool _lstripBlocks;
    private readonly List<int> _lineStarts = [0];
    private readonly List<Token> _tokens = [];
    private int _position;
    private bool _stripLeadingWhitespace;

    private Lexer(string source, bool trimBlocks, bool lstripBlocks)
    {
        _source = source;
        _trimBlocks = trimBlocks;
        _lstripBlocks = lstripBlocks;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>
    /// Tokenizes <paramref name="source"/> (newlines normalized to <c>\n</c>, one trailing newline dropped, as Jinja does).
    /// The list ends with an <see cref="TokenKind.EndOfInput"/> token.
    /// </summary>
    public static IReadOnlyList<Token> Tokenize(string source, bool trimBlocks, bool lstripBlocks)
    {
        var normalized = source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (normalized.EndsWith('\n'))
        {
            normalized = normalized[..^1];
        }

        var lexer = new Lexer(normalized, trimBlocks, lstripBlocks);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (true)
        {
            var tagStart = FindTagStart(_position);
            var textEnd = tagStart < 0 ? _source.Length : tagStart;
            var textStart = _position;
            if (_stripLeadingWhitespace)
            {
                while (textStart < textEnd && char.IsWhiteSpace(_source[textStart]))
                {
                    textStart++;
                }

                _stripLeadingWhitespace = false;
            }

            var text = _source[textStart..textEnd];
            if (tagStart < 0)
            {
                AddText(text, textStart);
                _tokens.Add(new Token(TokenKind.EndOfInput, "", LocationOf(_source.Length)));
                return;
            }

            var kind = _source[tagStart + 1];
            var modifier = tagStart + 2 < _source.Length ? _source[tagStart + 2] : '\0';
            AddText(StripBeforeTag(text, textStart, modifier, isVariable: kind == '{'), textStart);
            _position = tagStart + 2 + (modifier is '-' or '+' ? 1 : 0);
            switch (kind)
            {
                case '#':
                    SkipComment(tagStart);
                    break;
                case '%' when RawStart().Match(_source, _position) is { Success: true } raw:
                    ReadRaw(raw);
                    break;
                case '%':
                    _tokens.Add(new Token(TokenKind.BlockStart, "{%", LocationOf(tagStart)));
                    ReadTag(tagStart, isBlock: true);
                    break;
                default:
                    _tokens.Add(new Token(TokenKind.VariableStart, "{{", LocationOf(tagStart)));
                    ReadTag(tagStart, isBlock: false);
                    break;
            }
        }
    }

    private int FindTagStart(int from)
    {
        for (var i = _source.IndexOf('{', from); i >= 0 && i < _source.Length - 1; i = _source.IndexOf('{', i + 1))
        {
            if (_source[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    private void AddText(string text, int start)
    {
        if (text.Length > 0)
        {
            _tokens.Add(new Token(TokenKind.Text, text, LocationOf(start)));
        }
    }

    /// <summary>Whitespace control on the text before a tag: <c>-</c> strips it all, lstrip_blocks a line's indentation.</summary>
    private string StripBeforeTag(string text, int textStart, char modifier, bool isVariable)
    {
        if (modifier == '-')
        {
            return text.TrimEnd();
        }

        if (modifier == '+' || isVariable || !_lstripBlocks)
        {
            return text;
        }

        var lineStart = text.LastIndexOf('\n') + 1;
        var lineStarting = textStart == 0 || _source[textStart - 1] == '\n';
        if ((lineStart > 0 || lineStarting) && text.AsSpan(lineStart).IsWhiteSpace())
        {
            return text[..lineStart];
        }

        return text;
    }

    /// <summary>After a tag's end: <c>-</c> strips the whitespace that follows, trim_blocks one newline after a block.</summary>
    private void AfterTagEnd(char modifier, bool isBlock)
    {
        if (modifier == '-')
        {
            _stripLeadingWhitespace = true;
        }
        else if (modifier != '+' && isBlock && _trimBlocks && _position < _source.Length && _source[_position] == '\n')
        {
            _position++;
        }
    }

    private void SkipComment(int tagStart)
    {
        var end = _source.IndexOf("#}", _position, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error("The comment '{#' is never closed with '#}'.", tagStart);
        }

        var modifier = end > _position ? _source[end - 1] : '\0';
        _position = end + 2;
        AfterTagEnd(modifier, isBlock: true);
    }

    private void ReadRaw(Match start)
    {
        _position = start.Index + start.Length;
        AfterTagEnd(start.Groups["modifier"].Value is [var startModifier] ? startModifier : '\0', isBlock: true);
        if (_stripLeadingWhitespace)
        {
            while (_position < _source.Length && char.IsWhiteSpace(_source[_position]))
            {
                _position++;
            }

            _stripLeadingWhitespace = false;
        }

        var end = RawEnd().Match(_source, _position);
        if (!end.Success)
        {
            throw Error("The '{% raw %}' block is never closed with '{% endraw %}'.", start.Index);
        }

        var textStart = _position;
        var endOpenModifier = end.Groups["open"].Value is [var open] ? open : '\0';
        AddText(StripBeforeTag(_source[textStart..end.Index], textStart, endOpenModifier, isVariable: false), textStart);
        _position = end.Index + end.Length;
        AfterTagEnd(end.Groups["close"].Value is [var close] ? close : '\0', isBlock: true);
    }

    private void ReadTag(int tagStart, bool isBlock)
    {
        var nesting = new Stack<char>();
        while (true)
        {
            while (_position < _source.Length && char.IsWhiteSpace(_source[_position]))
            {
                _position++;
            }

            if (_position >= _source.Length)
            {
                throw Error(isBlock ? "The tag '{%' is never closed with '%}'." : "The expression '{{' is never closed with '}}'.", tagStart);
            }

            if (nesting.Count == 0 && TryReadTagEnd(isBlock))
            {
                return;
            }

            var start = _position;
            var c = _source[_position];
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (_position < _source.Length && (char.IsAsciiLetterOrDigit(_source[_position]) || _source[_position] == '_'))
                {
                    _position++;
                }

                _tokens.Add(new Token(TokenKind.Name, _source[start.._position], LocationOf(start)));
            }
            else if (char.IsAsciiDigit(c))
            {
                ReadNumber(start);
            }
            else if (c is '\'' or '"')
            {
                ReadString(start);
            }
            else
            {
                var symbol = Array.Find(Symbols, candidate => string.CompareOrdinal(_source, _position, candidate, 0, candidate.Length) == 0)
                    ?? throw Error($"Unexpected character '{c}'.", start);
                Balance(nesting, symbol, start);
                _position += symbol.Length;
                _tokens.Add(new Token(TokenKind.Operator, symbol, LocationOf(start)));
            }
        }
    }

    private bool TryReadTagEnd(bool isBlock)
    {
        var close = isBlock ? "%}" : "}}";
        var modifier = _source[_position] is '-' or '+' && (isBlock || _source[_position] == '-') ? _source[_position] : '\0';
        var at = _position + (modifier == '\0' ? 0 : 1);
        if (string.CompareOrdinal(_source, at, close, 0, 2) != 0)
        {
            return false;
        }

        _tokens.Add(new Token(isBlock ? TokenKind.BlockEnd : TokenKind.VariableEnd, close, LocationOf(_position)));
        _position = at + 2;
        AfterTagEnd(modifier, isBlock);
        return true;
    }

    private void Balance(Stack<char> nesting, string symbol, int at)
    {
        switch (symbol)
        {
            case "(" or "[" or "{":
                nesting.Push(symbol[0]);
                break;
            case ")" or "]" or "}":
                var expected = symbol[0] switch { ')' => '(', ']' => '[', _ => '{' };
                if (nesting.Count == 0 || nesting.Pop() != expected)
                {
                    throw Error($"Unexpected '{symbol}'.", at);
                }

                break;
        }
    }

    private void ReadNumber(int start)
    {
        SkipDigits();
        var isFloat = false;
        if (_position + 1 < _source.Length && _source[_position] == '.' && char.IsAsciiDigit(_source[_position + 1]))
        {
            isFloat = true;
            _position++;
            SkipDigits();
        }

        if (_position < _source.Length && _source[_position] is 'e' or 'E')
        {
            var exponent = _position + 1;
            if (exponent < _source.Length && _source[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (exponent < _source.Length && char.IsAsciiDigit(_source[exponent]))
            {
                isFloat = true;
                _position = exponent;
                SkipDigits();
            }
        }

        var text = _source[start.._position].Replace("_", "", StringComparison.Ordinal);
        _tokens.Add(new Token(isFloat ? TokenKind.Float : TokenKind.Integer, text, LocationOf(start)));
    }

    private void SkipDigits()
    {
        while (_position < _source.Length
               && (char.IsAsciiDigit(_source[_position])
                   || (_source[_position] == '_' && _position + 1 < _source.Length && char.IsAsciiDigit(_source[_position + 1]))))
        {
            _position++;
        }
    }

    private void ReadString(int start)
    {
        var quote = _source[_position++];
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _source.Length)
            {
                throw Error("The string is never closed.", start);
            }

            var c = _source[_position++];
            if (c == quote)
            {
                break;
            }

            if (c != '\\' || _position >= _source.Length)
            {
                builder.Append(c);
                continue;
            }

            ReadEscape(builder);
        }

        _tokens.Add(new Token(TokenKind.String, builder.ToString(), LocationOf(start)));
    }

    /// <summary>Python's string escapes: <c>\n</c>, <c>\t</c>, <c>\xhh</c>, <c>\uhhhh</c>, …; an unknown one keeps its backslash.</summary>
    private void ReadEscape(StringBuilder builder)
    {
        var c = _source[_position++];
        switch (c)
        {
            case 'n':
                builder.Append('\n');
                break;
            case 't':
                builder.Append('\t');
                break;
            case 'r':
                builder.Append('\r');
                break;
            case 'b':
                builder.Append('\b');
                break;
            case 'f':
                builder.Append('\f');
                break;
            case 'v':
                builder.Append('\v');
                break;
            case 'a':
                builder.Append('\a');
                break;
            case '\\' or '\'' or '"':
                builder.Append(c);
                break;
            case '\n':
                break;
            case 'x' or 'u' or 'U':
                var length = c switch { 'x' => 2, 'u' => 4, _ => 8 };
                if (_position + length <= _source.Length
                    && int.TryParse(_source.AsSpan(_position, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                    && code <= 0x10FFFF)
                {
                    builder.Append(char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : code));
                    _position += length;
                }
                else
                {
                    throw Error($"The escape '\\{c}' needs {length} hex digits.", _position - 2);
                }

                break;
            case >= '0' and <= '7':
                var octal = c - '0';
                for (var i = 0; i < 2 && _position < _source.Length && _source[_position] is >= '0' and <= '7'; i++)
                {
                    octal = (octal * 8) + (_source[_position++] - '0');
                }

                builder.Append((char)octal);
                break;
            default:
                builder.Append('\\').Append(c);
                break;
        }
    }

    private SourceLocation LocationOf(int offset)
    {
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourceLocation(line + 1, offset - _lineStarts[line] + 1);
    }

    private TemplateException Error(string message, int offset) => new(message, LocationOf(offset));

    [GeneratedRegex(@"\G\s*raw\s*(?<modifier>[-+]?)%\}")]
    private static partial Regex RawStart();

    [GeneratedRegex(@"\{%(?<open>[-+]?)\s*endraw\s*(?<close>[-+]?)%\}")]
    private static partial Regex RawEnd();
}
