namespace Oprel.Worker.Templates.Ast;

/// <summary><c>{% set target = value %}</c>, the target a name, a tuple of names or a namespace attribute.</summary>
internal sealed record SetStatement(SourceLocation Location, Expression Target, Expression Value) : Statement(Location);
