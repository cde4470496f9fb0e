namespace Oprel.Worker.Templates.Ast;

/// <summary><c>{% set target %}body{% endset %}</c>: the rendered body becomes the value.</summary>
internal sealed record SetBlockStatement(SourceLocation Location, Expression Target, IReadOnlyList<Statement> Body) : Statement(Location);
