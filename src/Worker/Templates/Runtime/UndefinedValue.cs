namespace Oprel.Worker.Templates.Runtime;

/// <summary>
/// Jinja's undefined: falsy, prints nothing, iterates as empty, and its attributes are undefined too. Arithmetic on
/// it and calling it are errors that say what was undefined.
/// </summary>
internal sealed class UndefinedValue(string reason) : Value
{
    public static readonly UndefinedValue Anonymous = new("the value is undefined");

    /// <summary>Why it is undefined, as an error message says it: <c>'foo' is undefined</c>.</summary>
    public string Reason { get; } = reason;

    public override string TypeName => "Undefined";

    public override bool IsTruthy => false;

    public override bool IsDefined => false;

    public static UndefinedValue Named(string name) => new($"'{name}' is undefined");

    /// <summary>The undefined attribute or item <paramref name="name"/> of <paramref name="owner"/>.</summary>
    public static UndefinedValue Attribute(Value owner, string name) =>
        owner as UndefinedValue ?? new UndefinedValue($"'{owner.TypeName} object' has no attribute '{name}'");

    public override string ToString() => "";
}
