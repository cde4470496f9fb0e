namespace Oprel.Worker.Templates;

/// <summary>A position in a template's source: 1-based line and column.</summary>
internal readonly record struct SourceLocation(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}
