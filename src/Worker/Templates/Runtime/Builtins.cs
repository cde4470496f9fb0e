namespace Oprel.Worker.Templates.Runtime;

/// <summary>
/// The global functions a chat template can call: Jinja's <c>range</c>, <c>namespace</c> and <c>dict</c>, and
/// transformers' <c>raise_exception</c> and <c>strftime_now</c>.
/// </summary>
internal static class Builtins
{
    private const int MaximumRange = 100_000;

    private static readonly FunctionValue Range = new("range", MakeRange);
    private static readonly FunctionValue Namespace = new("namespace", MakeNamespace);
    private static readonly FunctionValue Dict = new("dict", MakeDict);
    private static readonly FunctionValue RaiseException = new("raise_exception", Raise);

    /// <summary>Adds the globals to <paramref name="scope"/>; <c>strftime_now</c> reads <paramref name="clock"/>'s local time.</summary>
    public static void AddTo(Scope scope, TimeProvider clock)
    {
        scope.Set("range", Range);
        scope.Set("namespace", Namespace);
        scope.Set("dict", Dict);
        scope.Set("raise_exception", RaiseException);
        scope.Set("strftime_now", new FunctionValue("strftime_now", arguments =>
            new StringValue(Strftime.Format(clock.GetLocalNow(), StringMethods.Text(arguments.AtMost(1, "strftime_now").Require(0, "format", "strftime_now"), "strftime_now")))));
    }

    private static ListValue MakeRange(CallArguments arguments)
    {
        arguments.AtMost(3, "range");
        var numbers = arguments.Positional.Select(value => Operators.IsInteger(value, out var number)
            ? number
            : throw new TemplateRuntimeException($"range() needs integers, not '{Operators.Describe(value)}'")).ToArray();
        var (start, stop, step) = numbers.Length switch
        {
            1 => (0L, numbers[0], 1L),
            2 => (numbers[0], numbers[1], 1L),
            3 => (numbers[0], numbers[1], numbers[2]),
            _ => throw new TemplateRuntimeException("range() expects 1 to 3 arguments"),
        };
        if (step == 0)
        {
            throw new TemplateRuntimeException("range() arg 3 must not be zero");
        }

        var count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
        if (count > MaximumRange)
        {
            throw new TemplateRuntimeException($"range() is limited to {MaximumRange} items in a chat template.");
        }

        var items = new List<Value>((int)Math.Max(0, count));
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            items.Add(IntegerValue.From(i));
        }

        return new ListValue(items);
    }

    private static NamespaceValue MakeNamespace(CallArguments arguments)
    {
        var space = new NamespaceValue();
        foreach (var initial in arguments.AtMost(1, "namespace").Positional)
        {
            if (initial is not DictValue dict)
            {
                throw new TemplateRuntimeException($"namespace() takes a dict or keyword arguments, not '{Operators.Describe(initial)}'");
            }

            foreach (var entry in dict.Entries)
            {
                space.Set(entry.Key, entry.Value);
            }
        }

        foreach (var keyword in arguments.Keywords)
        {
            space.Set(keyword.Key, keyword.Value);
        }

        return space;
    }

    private static DictValue MakeDict(CallArguments arguments)
    {
        var dict = new DictValue();
        foreach (var initial in arguments.AtMost(1, "dict").Positional)
        {
            foreach (var entry in (initial as DictValue ?? throw new TemplateRuntimeException("dict() takes a dict or keyword arguments")).Entries)
            {
                dict.With(entry.Key, entry.Value);
            }
        }

        foreach (var keyword in arguments.Keywords)
        {
            dict.With(keyword.Key, keyword.Value);
        }

        return dict;
    }

    private static Value Raise(CallArguments arguments) =>
        throw new TemplateRuntimeException(arguments.Get(0, "message", StringValue.Empty).ToString(), raisedByTemplate: true);
}
