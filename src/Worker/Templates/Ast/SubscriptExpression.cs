namespace Oprel.Worker.Templates.Ast;

/// <summary><c>target[index]</c>.</summary>
internal sealed record SubscriptExpression(SourceLocation Location, Expression Target, Expression Index) : Expression(Location);
