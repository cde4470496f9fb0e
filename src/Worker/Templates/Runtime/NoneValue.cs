namespace Oprel.Worker.Templates.Runtime;

/// <summary>Python's <c>None</c> (<c>none</c> in templates).</summary>
internal sealed class NoneValue : Value
{
    public static readonly NoneValue Instance = new();

    private NoneValue()
    {
    }

    public override string TypeName => "NoneType";

    public override bool IsTruthy => false;

    public override string ToString() => "None";
}
