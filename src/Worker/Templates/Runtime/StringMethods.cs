using System.Collections.Frozen;
using System.Text;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>The methods of Python's <c>str</c> that chat templates call: <c>strip</c>, <c>split</c>, <c>startswith</c>, ….</summary>
internal static class StringMethods
{
    public static readonly FrozenSet<string> Names = new[]
    {
        "strip", "lstrip", "rstrip", "split", "rsplit", "splitlines", "startswith", "endswith", "upper", "lower", "title",
        "capitalize", "replace", "find", "rfind", "count", "join", "isdigit", "isalpha", "isalnum", "isspace", "isupper",
        "islower", "removeprefix", "removesuffix",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static Value? TryCall(string text, string name, CallArguments arguments)
    {
        switch (name)
        {
            case "strip":
                return new StringValue(Strip(text, arguments.AtMost(1, name).Get(0, "chars", NoneValue.Instance), start: true, end: true));
            case "lstrip":
                return new StringValue(Strip(text, arguments.AtMost(1, name).Get(0, "chars", NoneValue.Instance), start: true, end: false));
            case "rstrip":
                return new StringValue(Strip(text, arguments.AtMost(1, name).Get(0, "chars", NoneValue.Instance), start: false, end: true));
            case "split":
                return Split(text, arguments.AtMost(2, name), fromEnd: false);
            case "rsplit":
                return Split(text, arguments.AtMost(2, name), fromEnd: true);
            case "splitlines":
                return new ListValue(text.Split('\n').Select(line => (Value)new StringValue(line.TrimEnd('\r'))).SkipLast(text.EndsWith('\n') ? 1 : 0).ToList());
            case "startswith":
                return BooleanValue.From(Affixes(arguments.AtMost(1, name).Require(0, "prefix", name), name).Any(prefix => text.StartsWith(prefix, StringComparison.Ordinal)));
            case "endswith":
                return BooleanValue.From(Affixes(arguments.AtMost(1, name).Require(0, "suffix", name), name).Any(suffix => text.EndsWith(suffix, StringComparison.Ordinal)));
            case "upper":
                return new StringValue(text.ToUpperInvariant());
            case "lower":
                return new StringValue(text.ToLowerInvariant());
            case "title":
                return new StringValue(Title(text));
            case "capitalize":
                return new StringValue(Capitalize(text));
            case "replace":
                arguments.AtMost(3, name);
                return new StringValue(Replace(
                    text,
                    Text(arguments.Require(0, "old", name), name),
                    Text(arguments.Require(1, "new", name), name),
                    Operators.IsInteger(arguments.Get(2, "count", IntegerValue.From(-1)), out var count) ? count : -1));
            case "find":
                return IntegerValue.From(text.IndexOf(Text(arguments.AtMost(1, name).Require(0, "sub", name), name), StringComparison.Ordinal));
            case "rfind":
                return IntegerValue.From(text.LastIndexOf(Text(arguments.AtMost(1, name).Require(0, "sub", name), name), StringComparison.Ordinal));
            case "count":
                return IntegerValue.From(Count(text, Text(arguments.AtMost(1, name).Require(0, "sub", name), name)));
            case "join":
                return new StringValue(string.Join(text, Operators.Iterate(arguments.AtMost(1, name).Require(0, "iterable", name)).Select(item => Text(item, name))));
            case "isdigit":
                return BooleanValue.From(text.Length > 0 && text.All(char.IsDigit));
            case "isalpha":
                return BooleanValue.From(text.Length > 0 && text.All(char.IsLetter));
            case "isalnum":
                return BooleanValue.From(text.Length > 0 && text.All(char.IsLetterOrDigit));
            case "isspace":
                return BooleanValue.From(text.Length > 0 && text.All(char.IsWhiteSpace));
            case "isupper":
                return BooleanValue.From(text.Any(char.IsUpper) && !text.Any(char.IsLower));
            case "islower":
                return BooleanValue.From(text.Any(char.IsLower) && !text.Any(char.IsUpper));
            case "removeprefix":
                var prefixToRemove = Text(arguments.AtMost(1, name).Require(0, "prefix", name), name);
                return new StringValue(text.StartsWith(prefixToRemove, StringComparison.Ordinal) ? text[prefixToRemove.Length..] : text);
            case "removesuffix":
                var suffixToRemove = Text(arguments.AtMost(1, name).Require(0, "suffix", name), name);
                return new StringValue(suffixToRemove.Length > 0 && text.EndsWith(suffixToRemove, StringComparison.Ordinal) ? text[..^suffixToRemove.Length] : text);
            default:
                return null;
        }
    }

    /// <summary>Python's <c>str.strip(chars)</c>: whitespace when <paramref name="chars"/> is none.</summary>
    public static string Strip(string text, Value chars, bool start, bool end)
    {
        if (chars is NoneValue or UndefinedValue)
        {
            return start && end ? text.Trim() : start ? text.TrimStart() : text.TrimEnd();
        }

        var set = Text(chars, "strip").ToCharArray();
        return start && end ? text.Trim(set) : start ? text.TrimStart(set) : text.TrimEnd(set);
    }

    /// <summary>Python's <c>str.title()</c>: a letter after a non-letter is upper case, the others lower case.</summary>
    public static string Title(string text)
    {
        var builder = new StringBuilder(text.Length);
        var previousIsLetter = false;
        foreach (var c in text)
        {
            builder.Append(previousIsLetter ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousIsLetter = char.IsLetter(c);
        }

        return builder.ToString();
    }

    /// <summary>Python's <c>str.capitalize()</c>: the first character upper case, the rest lower case.</summary>
    public static string Capitalize(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text[1..].ToLowerInvariant());

    /// <summary>Python's <c>str.replace(old, new, count)</c>, where a negative count replaces all.</summary>
    public static string Replace(string text, string old, string replacement, long count)
    {
        if (count < 0)
        {
            return old.Length == 0 ? InsertBetweenCharacters(text, replacement) : text.Replace(old, replacement, StringComparison.Ordinal);
        }

        var builder = new StringBuilder();
        var position = 0;
        for (var done = 0L; done < count; done++)
        {
            var at = text.IndexOf(old, position, StringComparison.Ordinal);
            if (at < 0 || (old.Length == 0 && at >= text.Length))
            {
                break;
            }

            builder.Append(text, position, at - position).Append(replacement);
            if (old.Length == 0)
            {
                builder.Append(text[at]);
                position = at + 1;
            }
            else
            {
                position = at + old.Length;
            }
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>The argument as a string, else a type error naming <paramref name="function"/>.</summary>
    public static string Text(Value value, string function) => value is StringValue text
        ? text.Value
        : throw new TemplateRuntimeException($"{function}() expects a string argument, not '{Operators.Describe(value)}'");

    private static string InsertBetweenCharacters(string text, string replacement)
    {
        var builder = new StringBuilder(replacement);
        foreach (var c in text)
        {
            builder.Append(c).Append(replacement);
        }

        return builder.ToString();
    }

    private static int Count(string text, string part)
    {
        if (part.Length == 0)
        {
            return text.Length + 1;
        }

        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static IEnumerable<string> Affixes(Value value, string method) => value is ListValue list
        ? list.Items.Select(item => Text(item, method))
        : [Text(value, method)];

    private static ListValue Split(string text, CallArguments arguments, bool fromEnd)
    {
        var separator = arguments.Get(0, "sep", NoneValue.Instance);
        var limit = Operators.IsInteger(arguments.Get(1, "maxsplit", IntegerValue.From(-1)), out var maxSplit) ? maxSplit : -1;
        List<string> parts;
        if (separator is NoneValue or UndefinedValue)
        {
            parts = SplitOnWhitespace(text, limit, fromEnd);
        }
        else
        {
            var sep = Text(separator, "split");
            if (sep.Length == 0)
            {
                throw new TemplateRuntimeException("empty separator");
            }

            parts = [.. text.Split(sep)];
            if (limit >= 0 && parts.Count > limit + 1)
            {
                parts = fromEnd
                    ? [string.Join(sep, parts.Take(parts.Count - (int)limit)), .. parts.Skip(parts.Count - (int)limit)]
                    : [.. parts.Take((int)limit), string.Join(sep, parts.Skip((int)limit))];
            }
        }

        return new ListValue(parts.Select(part => (Value)new StringValue(part)).ToList());
    }

    private static List<string> SplitOnWhitespace(string text, long limit, bool fromEnd)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (limit < 0 || words.Count <= limit + 1)
        {
            return words;
        }

        if (fromEnd)
        {
            var head = text.TrimEnd();
            var tail = new List<string>();
            for (var i = 0; i < limit; i++)
            {
                var at = head.LastIndexOfAny(WhitespaceCharacters());
                tail.Insert(0, head[(at + 1)..]);
                head = head[..at].TrimEnd();
            }

            return [head, .. tail];
        }

        var rest = text.TrimStart();
        var result = new List<string>();
        for (var i = 0; i < limit; i++)
        {
            var at = rest.IndexOfAny(WhitespaceCharacters());
            result.Add(rest[..at]);
            rest = rest[at..].TrimStart();
        }

        result.Add(rest);
        return result;
    }

    private static char[] WhitespaceCharacters() => [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2028', '\u2029', '\u3000'];
}
