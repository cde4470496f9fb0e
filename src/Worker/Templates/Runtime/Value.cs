namespace Oprel.Worker.Templates.Runtime;

/// <summary>
/// A value inside a template: undefined, none, a boolean, an integer, a float, a string, a list (or tuple), a dict,
/// a callable, a namespace or a loop object. <see cref="ToString"/> is Python's <c>str()</c>.
/// </summary>
internal abstract class Value
{
    /// <summary>The Python type name, for error messages (<c>str</c>, <c>int</c>, <c>dict</c>, …).</summary>
    public abstract string TypeName { get; }

    /// <summary>Python truthiness.</summary>
    public abstract bool IsTruthy { get; }

    /// <summary>False only for undefined.</summary>
    public virtual bool IsDefined => true;

    /// <summary>Python's <c>str()</c> of the value, which is what <c>{{ value }}</c> prints.</summary>
    public abstract override string ToString();
}
