namespace Oprel.Worker.Templates.Runtime;

/// <summary>
/// Jinja's <c>namespace(...)</c>: an object whose attributes <c>{% set ns.name = … %}</c> can change from inside a
/// loop, where a plain <c>set</c> would only change a variable of the loop's own scope.
/// </summary>
internal sealed class NamespaceValue : Value
{
    private readonly Dictionary<string, Value> _attributes = new(StringComparer.Ordinal);

    public override string TypeName => "Namespace";

    public override bool IsTruthy => true;

    public Value Get(string name) => _attributes.TryGetValue(name, out var value) ? value : UndefinedValue.Attribute(this, name);

    public void Set(string name, Value value) => _attributes[name] = value;

    public override string ToString() =>
        "<Namespace {" + string.Join(", ", _attributes.Select(a => PythonFormat.Repr(new StringValue(a.Key)) + ": " + PythonFormat.Repr(a.Value))) + "}>";
}
