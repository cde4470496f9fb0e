namespace Oprel.Worker.Templates.Runtime;

/// <summary>A string.</summary>
internal sealed class StringValue(string value) : Value
{
    public static readonly StringValue Empty = new("");

    public string Value { get; } = value;

    public override string TypeName => "str";

    public override bool IsTruthy => Value.Length > 0;

    public override string ToString() => Value;
}
