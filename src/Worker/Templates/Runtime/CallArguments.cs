namespace Oprel.Worker.Templates.Runtime;

/// <summary>The arguments of a call, filter or test: positional values and keyword values.</summary>
internal sealed class CallArguments(IReadOnlyList<Value> positional, IReadOnlyList<KeyValuePair<string, Value>> keywords)
{
    public static readonly CallArguments None = new([], []);

    public IReadOnlyList<Value> Positional { get; } = positional;

    public IReadOnlyList<KeyValuePair<string, Value>> Keywords { get; } = keywords;

    /// <summary>The argument at <paramref name="position"/>, else the keyword <paramref name="name"/>, else null.</summary>
    public Value? Find(int position, string name)
    {
        if (position >= 0 && position < Positional.Count)
        {
            return Positional[position];
        }

        foreach (var keyword in Keywords)
        {
            if (keyword.Key == name)
            {
                return keyword.Value;
            }
        }

        return null;
    }

    public Value Get(int position, string name, Value fallback) => Find(position, name) ?? fallback;

    public Value Require(int position, string name, string function) =>
        Find(position, name) ?? throw new TemplateRuntimeException($"{function}() is missing its argument '{name}'.");

    /// <summary>Fails when more positional arguments were given than <paramref name="count"/>.</summary>
    public CallArguments AtMost(int count, string function)
    {
        if (Positional.Count > count)
        {
            throw new TemplateRuntimeException($"{function}() takes at most {count} positional argument{(count == 1 ? "" : "s")}, {Positional.Count} given.");
        }

        return this;
    }
}
