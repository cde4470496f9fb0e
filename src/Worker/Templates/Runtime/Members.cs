using System.Text;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>
/// Attribute access, subscripts, slices and the methods of strings, dicts and lists, as Jinja resolves them:
/// <c>message.role</c> and <c>message['role']</c> both read the dict's key, a missing one is undefined.
/// </summary>
internal static class Members
{
    /// <summary><c>target.name</c> outside a call: a dict key (else the dict method), an attribute, or undefined.</summary>
    public static Value GetAttribute(Value target, string name)
    {
        switch (target)
        {
            case DictValue dict when dict.TryGetValue(name, out var value):
                return value;
            case NamespaceValue space:
                return space.Get(name);
            case LoopValue loop:
                return loop.Get(name);
            case UndefinedValue undefined:
                return undefined;
            case DictValue or StringValue or ListValue when IsMethod(target, name):
                return new FunctionValue(name, arguments => CallMethod(target, name, arguments));
            default:
                return UndefinedValue.Attribute(target, name);
        }
    }

    /// <summary><c>target[key]</c>: dict key, list or string index (negative from the end); missing is undefined.</summary>
    public static Value GetItem(Value target, Value key)
    {
        switch (target)
        {
            case DictValue dict:
                return key is StringValue name && dict.TryGetValue(name.Value, out var value)
                    ? value
                    : UndefinedValue.Attribute(target, key.ToString());
            case ListValue list when Operators.IsInteger(key, out var index):
                index = index < 0 ? index + list.Items.Count : index;
                return index >= 0 && index < list.Items.Count ? list.Items[(int)index] : new UndefinedValue($"list index {key} out of range");
            case StringValue text when Operators.IsInteger(key, out var position):
                position = position < 0 ? position + text.Value.Length : position;
                return position >= 0 && position < text.Value.Length
                    ? new StringValue(text.Value[(int)position].ToString())
                    : new UndefinedValue($"string index {key} out of range");
            case UndefinedValue undefined:
                return undefined;
            default:
                return key is StringValue attribute ? GetAttribute(target, attribute.Value) : UndefinedValue.Attribute(target, key.ToString());
        }
    }

    /// <summary>Python's <c>target[start:stop:step]</c> on a list, tuple or string.</summary>
    public static Value Slice(Value target, Value start, Value stop, Value step)
    {
        var stepValue = step is NoneValue or UndefinedValue ? 1 : ToIndex(step);
        if (stepValue == 0)
        {
            throw new TemplateRuntimeException("slice step cannot be zero");
        }

        switch (target)
        {
            case ListValue list:
                var items = new List<Value>();
                foreach (var i in SliceIndices(list.Items.Count, start, stop, stepValue))
                {
                    items.Add(list.Items[i]);
                }

                return new ListValue(items, list.IsTuple);
            case StringValue text:
                if (stepValue == 1)
                {
                    var (from, to) = Bounds(text.Value.Length, start, stop);
                    return new StringValue(to > from ? text.Value[from..to] : "");
                }

                var builder = new StringBuilder();
                foreach (var i in SliceIndices(text.Value.Length, start, stop, stepValue))
                {
                    builder.Append(text.Value[i]);
                }

                return new StringValue(builder.ToString());
            case UndefinedValue undefined:
                return undefined;
            default:
                throw new TemplateRuntimeException($"'{target.TypeName}' object is not subscriptable");
        }
    }

    /// <summary>Calls the method <paramref name="name"/> of a string, dict or list; null when it has no such method.</summary>
    public static Value? TryCallMethod(Value target, string name, CallArguments arguments) => target switch
    {
        StringValue text => StringMethods.TryCall(text.Value, name, arguments),
        DictValue dict => CallDictMethod(dict, name, arguments),
        ListValue list => CallListMethod(list, name, arguments),
        _ => null,
    };

    private static Value CallMethod(Value target, string name, CallArguments arguments) =>
        TryCallMethod(target, name, arguments) ?? throw new TemplateRuntimeException($"'{target.TypeName}' object has no method '{name}'");

    private static bool IsMethod(Value target, string name) => target switch
    {
        StringValue => StringMethods.Names.Contains(name),
        DictValue => name is "items" or "keys" or "values" or "get",
        ListValue => name is "index" or "count",
        _ => false,
    };

    private static Value? CallDictMethod(DictValue dict, string name, CallArguments arguments)
    {
        switch (name)
        {
            case "items":
                return new ListValue(dict.Entries.Select(entry => (Value)new ListValue([new StringValue(entry.Key), entry.Value], isTuple: true)).ToList());
            case "keys":
                return new ListValue(dict.Keys.Select(key => (Value)new StringValue(key)).ToList());
            case "values":
                return new ListValue(dict.Entries.Select(entry => entry.Value).ToList());
            case "get":
                var key = arguments.AtMost(2, "get").Require(0, "key", "get");
                return key is StringValue text && dict.TryGetValue(text.Value, out var value) ? value : arguments.Get(1, "default", NoneValue.Instance);
            case "update" or "pop" or "popitem" or "setdefault" or "clear":
                throw new TemplateRuntimeException($"a chat template cannot change a dict (dict.{name}); use namespace() for state.");
            default:
                return null;
        }
    }

    private static Value? CallListMethod(ListValue list, string name, CallArguments arguments)
    {
        switch (name)
        {
            case "index":
                var wanted = arguments.AtMost(1, "index").Require(0, "value", "index");
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (Operators.AreEqual(list.Items[i], wanted))
                    {
                        return IntegerValue.From(i);
                    }
                }

                throw new TemplateRuntimeException($"{PythonFormat.Repr(wanted)} is not in list");
            case "count":
                var counted = arguments.AtMost(1, "count").Require(0, "value", "count");
                return IntegerValue.From(list.Items.Count(item => Operators.AreEqual(item, counted)));
            case "append" or "extend" or "insert" or "pop" or "remove" or "clear" or "sort" or "reverse":
                throw new TemplateRuntimeException($"a chat template cannot change a list (list.{name}); build a new one with + instead.");
            default:
                return null;
        }
    }

    private static int ToIndex(Value value) => Operators.IsInteger(value, out var index)
        ? (int)Math.Clamp(index, int.MinValue + 1, int.MaxValue)
        : throw new TemplateRuntimeException($"slice indices must be integers or None, not {value.TypeName}");

    private static (int From, int To) Bounds(int length, Value start, Value stop)
    {
        var from = start is NoneValue or UndefinedValue ? 0 : ToIndex(start);
        var to = stop is NoneValue or UndefinedValue ? length : ToIndex(stop);
        from = from < 0 ? Math.Max(0, from + length) : Math.Min(from, length);
        to = to < 0 ? Math.Max(0, to + length) : Math.Min(to, length);
        return (from, to);
    }

    private static IEnumerable<int> SliceIndices(int length, Value start, Value stop, int step)
    {
        var lower = step > 0 ? 0 : -1;
        var upper = step > 0 ? length : length - 1;
        var from = Adjust(start, step > 0 ? lower : upper);
        var to = Adjust(stop, step > 0 ? upper : lower);
        for (var i = from; step > 0 ? i < to : i > to; i += step)
        {
            yield return i;
        }

        int Adjust(Value bound, int fallback)
        {
            if (bound is NoneValue or UndefinedValue)
            {
                return fallback;
            }

            var index = ToIndex(bound);
            if (index < 0)
            {
                index += length;
                return index < lower ? lower : index;
            }

            return index > upper ? upper : index;
        }
    }
}
