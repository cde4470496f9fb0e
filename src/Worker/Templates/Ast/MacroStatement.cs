namespace Oprel.Worker.Templates.Ast;

/// <summary><c>{% macro name(parameters) %}body{% endmacro %}</c>.</summary>
internal sealed record MacroStatement(SourceLocation Location, string Name, IReadOnlyList<MacroParameter> Parameters, IReadOnlyList<Statement> Body)
    : Statement(Location);
