namespace Oprel.Worker.Templates.Runtime;

/// <summary>A list, or a tuple when <see cref="IsTuple"/>. Templates cannot change it (as in transformers' sandbox).</summary>
internal sealed class ListValue(IReadOnlyList<Value> items, bool isTuple = false) : Value
{
    public static readonly ListValue EmptyList = new([]);

    public IReadOnlyList<Value> Items { get; } = items;

    public bool IsTuple { get; } = isTuple;

    public override string TypeName => IsTuple ? "tuple" : "list";

    public override bool IsTruthy => Items.Count > 0;

    public override string ToString() => PythonFormat.Repr(this);
}
