namespace Oprel.Worker.Templates.Ast;

/// <summary><c>target.name</c>.</summary>
internal sealed record AttributeExpression(SourceLocation Location, Expression Target, string Name) : Expression(Location);
