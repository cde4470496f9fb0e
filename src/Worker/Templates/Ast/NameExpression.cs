namespace Oprel.Worker.Templates.Ast;

/// <summary>A variable: <c>messages</c>.</summary>
internal sealed record NameExpression(SourceLocation Location, string Name) : Expression(Location);
