namespace Oprel.Worker.Templates.Ast;

/// <summary><c>then if condition else otherwise</c>; without <c>else</c> the false case is undefined.</summary>
internal sealed record ConditionalExpression(SourceLocation Location, Expression Condition, Expression Then, Expression? Otherwise) : Expression(Location);
