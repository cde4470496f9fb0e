namespace Oprel.Worker.Templates.Runtime;

/// <summary>
/// Variables visible at one point of a template. A <c>for</c> iteration and a macro call each get a child scope, so
/// their <c>set</c>s do not leak out, as in Jinja; <c>if</c> blocks share their parent's scope.
/// </summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Scope? _parent = parent;
    private Dictionary<string, Value>? _variables;

    public Value Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._variables is { } variables && variables.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return UndefinedValue.Named(name);
    }

    public void Set(string name, Value value) => (_variables ??= new Dictionary<string, Value>(StringComparer.Ordinal))[name] = value;
}
