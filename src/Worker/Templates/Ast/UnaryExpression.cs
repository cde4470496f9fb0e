namespace Oprel.Worker.Templates.Ast;

/// <summary><c>not x</c>, <c>-x</c>, <c>+x</c>.</summary>
internal sealed record UnaryExpression(SourceLocation Location, UnaryOperator Operator, Expression Operand) : Expression(Location);
