namespace Oprel.Worker.Templates.Ast;

/// <summary><c>{{ expression }}</c>.</summary>
internal sealed record OutputStatement(SourceLocation Location, Expression Expression) : Statement(Location);
