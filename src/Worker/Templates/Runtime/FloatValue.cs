namespace Oprel.Worker.Templates.Runtime;

/// <summary>A double (Python's <c>float</c>); it prints as Python's <c>repr</c> does (<c>1.0</c>, <c>1e+20</c>).</summary>
internal sealed class FloatValue(double value) : Value
{
    public double Value { get; } = value;

    public override string TypeName => "float";

    public override bool IsTruthy => Value != 0;

    public override string ToString() => PythonFormat.Float(Value);
}
