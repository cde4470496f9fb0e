namespace Oprel.Worker.Templates.Runtime;

/// <summary>A boolean; like Python's, it is also the integer 0 or 1 in arithmetic.</summary>
internal sealed class BooleanValue : Value
{
    public static readonly BooleanValue True = new(true);
    public static readonly BooleanValue False = new(false);

    private BooleanValue(bool value) => Value = value;

    public bool Value { get; }

    public override string TypeName => "bool";

    public override bool IsTruthy => Value;

    public static BooleanValue From(bool value) => value ? True : False;

    public override string ToString() => Value ? "True" : "False";
}
