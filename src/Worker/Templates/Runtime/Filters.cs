using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>Jinja's filters, as in <c>content | trim</c>, with transformers' <c>tojson</c>.</summary>
internal static partial class Filters
{
    private static readonly FrozenSet<string> Names = new[]
    {
        "abs", "attr", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first", "float", "indent", "int",
        "items", "join", "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr", "replace", "reverse",
        "round", "safe", "select", "selectattr", "sort", "string", "sum", "title", "tojson", "trim", "unique", "upper",
        "wordcount",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool Exists(string name) => Names.Contains(name);

    public static Value Apply(string name, Value input, CallArguments arguments)
    {
        switch (name)
        {
            case "abs":
                arguments.AtMost(0, name);
                return input switch
                {
                    FloatValue number => new FloatValue(Math.Abs(number.Value)),
                    _ when Operators.IsInteger(input, out var integer) => integer == long.MinValue ? new FloatValue(-(double)integer) : IntegerValue.From(Math.Abs(integer)),
                    _ => throw new TemplateRuntimeException($"bad operand type for abs(): '{Operators.Describe(input)}'"),
                };
            case "attr":
                var attributeOnly = StringMethods.Text(arguments.AtMost(1, name).Require(0, "name", name), name);
                return input is DictValue ? UndefinedValue.Attribute(input, attributeOnly) : Members.GetAttribute(input, attributeOnly);
            case "capitalize":
                return new StringValue(StringMethods.Capitalize(input.ToString()));
            case "count" or "length":
                return IntegerValue.From(Operators.Length(input));
            case "d" or "default":
                arguments.AtMost(2, name);
                var useFalsy = arguments.Get(1, "boolean", BooleanValue.False).IsTruthy;
                return !input.IsDefined || (useFalsy && !input.IsTruthy) ? arguments.Get(0, "default_value", StringValue.Empty) : input;
            case "dictsort":
                return DictSort(input, arguments.AtMost(3, name));
            case "e" or "escape":
                return new StringValue(Escape(input.ToString()));
            case "first":
                var all = Operators.Iterate(input);
                return all.Count > 0 ? all[0] : new UndefinedValue("first() of an empty sequence is undefined");
            case "last":
                var items = Operators.Iterate(input);
                return items.Count > 0 ? items[^1] : new UndefinedValue("last() of an empty sequence is undefined");
            case "float":
                return ToFloat(input, arguments.AtMost(1, name).Get(0, "default", new FloatValue(0)));
            case "int":
                return ToInteger(input, arguments.AtMost(2, name).Get(0, "default", IntegerValue.From(0)));
            case "indent":
                return new StringValue(Indent(input.ToString(), arguments.AtMost(3, name)));
            case "items":
                return input switch
                {
                    UndefinedValue => ListValue.EmptyList,
                    DictValue dict => Members.TryCallMethod(dict, "items", CallArguments.None)!,
                    _ => throw new TemplateRuntimeException($"items() needs a mapping, not '{Operators.Describe(input)}'"),
                };
            case "join":
                arguments.AtMost(2, name);
                var separator = arguments.Get(0, "d", StringValue.Empty).ToString();
                var attribute = arguments.Find(1, "attribute");
                return new StringValue(string.Join(separator, Operators.Iterate(input).Select(item => (attribute is null ? item : Lookup(item, attribute)).ToString())));
            case "list":
                return new ListValue(Operators.Iterate(input).ToList());
            case "lower":
                return new StringValue(input.ToString().ToLowerInvariant());
            case "upper":
                return new StringValue(input.ToString().ToUpperInvariant());
            case "map":
                return Map(input, arguments);
            case "max" or "min":
                return Extreme(input, arguments.AtMost(2, name), name == "max");
            case "select" or "reject":
                return Select(input, arguments, attribute: null, keep: name == "select");
            case "selectattr" or "rejectattr":
                var attributeName = arguments.Require(0, "attribute", name);
                return Select(input, new CallArguments(arguments.Positional.Skip(1).ToList(), arguments.Keywords), attributeName, keep: name == "selectattr");
            case "replace":
                arguments.AtMost(3, name);
                return new StringValue(StringMethods.Replace(
                    input.ToString(),
                    arguments.Require(0, "old", name).ToString(),
                    arguments.Require(1, "new", name).ToString(),
                    arguments.Find(2, "count") is { } count && Operators.IsInteger(count, out var limit) ? limit : -1));
            case "reverse":
                return input is StringValue text
                    ? new StringValue(new string(text.Value.Reverse().ToArray()))
                    : new ListValue(Operators.Iterate(input).Reverse().ToList());
            case "round":
                return Round(input, arguments.AtMost(2, name));
            case "safe":
                return input;
            case "sort":
                return Sort(input, arguments.AtMost(3, name));
            case "string":
                return input as StringValue ?? new StringValue(input.ToString());
            case "sum":
                return Sum(input, arguments.AtMost(2, name));
            case "title":
                return new StringValue(TitleCase(input.ToString()));
            case "tojson":
                return ToJson(input, arguments.AtMost(1, name));
            case "trim":
                return new StringValue(StringMethods.Strip(input.ToString(), arguments.AtMost(1, name).Get(0, "chars", NoneValue.Instance), start: true, end: true));
            case "unique":
                return Unique(input, arguments.AtMost(2, name));
            case "wordcount":
                return IntegerValue.From(WordPattern().Count(input.ToString()));
            default:
                throw new TemplateRuntimeException($"No filter named '{name}'.");
        }
    }

    /// <summary>An item's attribute or key, as <c>map(attribute=…)</c> reads it: dotted paths and integer parts allowed.</summary>
    public static Value Lookup(Value item, Value attribute)
    {
        if (attribute is IntegerValue)
        {
            return Members.GetItem(item, attribute);
        }

        var current = item;
        foreach (var part in attribute.ToString().Split('.'))
        {
            current = long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index)
                ? Members.GetItem(current, IntegerValue.From(index))
                : Members.GetItem(current, new StringValue(part));
        }

        return current;
    }

    private static Value Map(Value input, CallArguments arguments)
    {
        var items = Operators.Iterate(input);
        if (arguments.Positional.Count == 0)
        {
            var attribute = arguments.Find(-1, "attribute") ?? throw new TemplateRuntimeException("map() needs a filter name or attribute=…");
            var fallback = arguments.Find(-1, "default");
            return new ListValue(items.Select(item =>
            {
                var value = Lookup(item, attribute);
                return !value.IsDefined && fallback is not null ? fallback : value;
            }).ToList());
        }

        var filter = StringMethods.Text(arguments.Positional[0], "map");
        if (!Exists(filter))
        {
            throw new TemplateRuntimeException($"No filter named '{filter}'.");
        }

        var rest = new CallArguments(arguments.Positional.Skip(1).ToList(), arguments.Keywords);
        return new ListValue(items.Select(item => Apply(filter, item, rest)).ToList());
    }

    private static ListValue Select(Value input, CallArguments arguments, Value? attribute, bool keep)
    {
        Func<Value, bool> test;
        if (arguments.Positional.Count == 0)
        {
            test = static value => value.IsTruthy;
        }
        else
        {
            var name = StringMethods.Text(arguments.Positional[0], "select");
            if (!Tests.Exists(name))
            {
                throw new TemplateRuntimeException($"No test named '{name}'.");
            }

            var rest = new CallArguments(arguments.Positional.Skip(1).ToList(), []);
            test = value => Tests.Apply(name, value, rest);
        }

        return new ListValue(Operators.Iterate(input).Where(item => test(attribute is null ? item : Lookup(item, attribute)) == keep).ToList());
    }

    private static Value Round(Value input, CallArguments arguments)
    {
        var precision = Operators.IsInteger(arguments.Get(0, "precision", IntegerValue.From(0)), out var digits) ? (int)digits : 0;
        var method = arguments.Get(1, "method", new StringValue("common")).ToString();
        if (method == "common" && input is IntegerValue or BooleanValue)
        {
            return input;
        }

        var value = Operators.ToDouble(input);
        var scale = Math.Pow(10, precision);
        return new FloatValue(method switch
        {
            "common" when !double.IsFinite(value) => value,
            "common" when precision >= 0 => double.Parse(value.ToString("F" + Math.Min(precision, 300).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            "common" => Math.Round(value / scale, MidpointRounding.ToEven) * scale,
            "ceil" => Math.Ceiling(value * scale) / scale,
            "floor" => Math.Floor(value * scale) / scale,
            _ => throw new TemplateRuntimeException("round() method must be 'common', 'ceil' or 'floor'"),
        });
    }

    private static Value ToInteger(Value input, Value fallback)
    {
        switch (input)
        {
            case IntegerValue:
                return input;
            case BooleanValue boolean:
                return IntegerValue.From(boolean.Value ? 1 : 0);
            case FloatValue number when double.IsFinite(number.Value):
                return IntegerValue.From((long)Math.Truncate(number.Value));
            case StringValue text:
                var trimmed = text.Value.Trim().Replace("_", "", StringComparison.Ordinal);
                if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    return IntegerValue.From(integer);
                }

                return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed)
                    ? IntegerValue.From((long)Math.Truncate(parsed))
                    : fallback;
            default:
                return fallback;
        }
    }

    private static Value ToFloat(Value input, Value fallback) => input switch
    {
        FloatValue => input,
        IntegerValue or BooleanValue => new FloatValue(Operators.ToDouble(input)),
        StringValue text when double.TryParse(text.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => new FloatValue(parsed),
        _ => fallback,
    };

    private static string Indent(string text, CallArguments arguments)
    {
        var width = arguments.Get(0, "width", IntegerValue.From(4));
        var indentation = width is StringValue given ? given.Value : new string(' ', Operators.IsInteger(width, out var count) ? (int)Math.Clamp(count, 0, 256) : 4);
        var first = arguments.Get(1, "first", BooleanValue.False).IsTruthy;
        var blank = arguments.Get(2, "blank", BooleanValue.False).IsTruthy;
        var lines = (text + "\n").Split('\n').SkipLast(1).ToList();
        string result;
        if (blank)
        {
            result = string.Join("\n" + indentation, lines);
        }
        else
        {
            result = lines[0];
            if (lines.Count > 1)
            {
                result += "\n" + string.Join("\n", lines.Skip(1).Select(line => line.Length > 0 ? indentation + line : line));
            }
        }

        return first ? indentation + result : result;
    }

    private static Value ToJson(Value input, CallArguments arguments)
    {
        var indentArgument = arguments.Get(0, "indent", NoneValue.Instance);
        string? indent = indentArgument switch
        {
            NoneValue or UndefinedValue => null,
            StringValue text => text.Value,
            _ when Operators.IsInteger(indentArgument, out var spaces) => new string(' ', (int)Math.Clamp(spaces, 0, 64)),
            _ => throw new TemplateRuntimeException("tojson() indent must be an integer or a string"),
        };
        string? itemSeparator = null;
        var keySeparator = ": ";
        if (arguments.Find(-1, "separators") is ListValue { Items.Count: 2 } separators)
        {
            itemSeparator = separators.Items[0].ToString();
            keySeparator = separators.Items[1].ToString();
        }

        var format = new JsonFormat(
            indent,
            itemSeparator ?? (indent is null ? ", " : ","),
            keySeparator,
            SortKeys: arguments.Find(-1, "sort_keys")?.IsTruthy ?? false,
            EnsureAscii: arguments.Find(-1, "ensure_ascii")?.IsTruthy ?? false);
        return new StringValue(JsonWriter.Serialize(input, format));
    }

    private static ListValue DictSort(Value input, CallArguments arguments)
    {
        if (input is not DictValue dict)
        {
            throw new TemplateRuntimeException($"dictsort() needs a mapping, not '{Operators.Describe(input)}'");
        }

        var caseSensitive = arguments.Get(0, "case_sensitive", BooleanValue.False).IsTruthy;
        var byValue = arguments.Get(1, "by", new StringValue("key")).ToString() == "value";
        var reverse = arguments.Get(2, "reverse", BooleanValue.False).IsTruthy;
        var pairs = dict.Entries.Select(entry => (Value)new ListValue([new StringValue(entry.Key), entry.Value], isTuple: true)).ToList();
        var comparer = SortComparer(caseSensitive, reverse, item => ((ListValue)item).Items[byValue ? 1 : 0]);
        return new ListValue(pairs.Order(comparer).ToList());
    }

    private static ListValue Sort(Value input, CallArguments arguments)
    {
        var reverse = arguments.Get(0, "reverse", BooleanValue.False).IsTruthy;
        var caseSensitive = arguments.Get(1, "case_sensitive", BooleanValue.False).IsTruthy;
        var attribute = arguments.Find(2, "attribute");
        var comparer = SortComparer(caseSensitive, reverse, item => attribute is null ? item : Lookup(item, attribute));
        return new ListValue(Operators.Iterate(input).Order(comparer).ToList());
    }

    private static Value Extreme(Value input, CallArguments arguments, bool largest)
    {
        var caseSensitive = arguments.Get(0, "case_sensitive", BooleanValue.False).IsTruthy;
        var attribute = arguments.Find(1, "attribute");
        var items = Operators.Iterate(input);
        if (items.Count == 0)
        {
            return new UndefinedValue("No aggregated item, sequence was empty.");
        }

        var comparer = SortComparer(caseSensitive, reverse: false, item => attribute is null ? item : Lookup(item, attribute));
        var best = items[0];
        foreach (var item in items.Skip(1))
        {
            var order = comparer.Compare(item, best);
            if (largest ? order > 0 : order < 0)
            {
                best = item;
            }
        }

        return best;
    }

    private static Value Sum(Value input, CallArguments arguments)
    {
        var attribute = arguments.Find(0, "attribute");
        Value total = arguments.Get(1, "start", IntegerValue.From(0));
        foreach (var item in Operators.Iterate(input))
        {
            total = Operators.Add(total, attribute is null ? item : Lookup(item, attribute));
        }

        return total;
    }

    private static ListValue Unique(Value input, CallArguments arguments)
    {
        var caseSensitive = arguments.Get(0, "case_sensitive", BooleanValue.False).IsTruthy;
        var attribute = arguments.Find(1, "attribute");
        var seen = new List<Value>();
        var result = new List<Value>();
        foreach (var item in Operators.Iterate(input))
        {
            var key = Normalize(attribute is null ? item : Lookup(item, attribute), caseSensitive);
            if (!seen.Any(other => Operators.AreEqual(other, key)))
            {
                seen.Add(key);
                result.Add(item);
            }
        }

        return new ListValue(result);
    }

    private static Comparer<Value> SortComparer(bool caseSensitive, bool reverse, Func<Value, Value> key) => Comparer<Value>.Create((a, b) =>
    {
        var order = Operators.Compare(Normalize(key(a), caseSensitive), Normalize(key(b), caseSensitive), "<");
        return reverse ? -order : order;
    });

    private static Value Normalize(Value value, bool caseSensitive) =>
        !caseSensitive && value is StringValue text ? new StringValue(text.Value.ToLowerInvariant()) : value;

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&#34;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>Jinja's <c>title</c> filter: each word (split at whitespace and opening brackets) capitalized.</summary>
    private static string TitleCase(string text) =>
        string.Concat(WordBeginning().Split(text).Where(part => part.Length > 0).Select(part => char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant()));

    [GeneratedRegex(@"([-\s({\[<]+)")]
    private static partial Regex WordBeginning();

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();
}
