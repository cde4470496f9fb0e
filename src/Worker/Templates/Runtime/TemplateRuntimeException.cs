namespace Oprel.Worker.Templates.Runtime;

/// <summary>
/// A fault while rendering, thrown by the runtime's helpers; the interpreter turns it into a
/// <see cref="TemplateException"/> at the location of the expression or statement that failed.
/// </summary>
internal sealed class TemplateRuntimeException : Exception
{
    public TemplateRuntimeException()
    {
    }

    public TemplateRuntimeException(string message)
        : base(message)
    {
    }

    public TemplateRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TemplateRuntimeException(string message, bool raisedByTemplate)
        : base(message)
    {
        RaisedByTemplate = raisedByTemplate;
    }

    /// <summary>True for the template's own <c>raise_exception(message)</c>.</summary>
    public bool RaisedByTemplate { get; }
}
