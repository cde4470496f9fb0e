namespace Oprel.Worker.Templates;

/// <summary>
/// A chat template that cannot be parsed or rendered. The message says where (line and column in the template)
/// and what; <see cref="Detail"/> is the bare reason, and <see cref="RaisedByTemplate"/> tells a template's own
/// <c>raise_exception(...)</c> (for example "roles must alternate") from a fault in the template.
/// </summary>
internal sealed class TemplateException : Exception
{
    public TemplateException()
        : this("The chat template failed.")
    {
    }

    public TemplateException(string message)
        : base(message)
    {
        Detail = message;
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Detail = message;
    }

    public TemplateException(string detail, SourceLocation location, bool raisedByTemplate = false)
        : base($"Chat template error at {location}: {detail}")
    {
        Detail = detail;
        Line = location.Line;
        Column = location.Column;
        RaisedByTemplate = raisedByTemplate;
    }

    /// <summary>What went wrong, without the location.</summary>
    public string Detail { get; }

    /// <summary>The 1-based line in the template, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column in the template, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>True when the template itself called <c>raise_exception(message)</c>; <see cref="Detail"/> is its message.</summary>
    public bool RaisedByTemplate { get; }
}
