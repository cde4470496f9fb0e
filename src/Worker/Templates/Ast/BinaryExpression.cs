namespace Oprel.Worker.Templates.Ast;

/// <summary><c>left op right</c>; <c>and</c> and <c>or</c> short-circuit and return an operand, as in Python.</summary>
internal sealed record BinaryExpression(SourceLocation Location, BinaryOperator Operator, Expression Left, Expression Right) : Expression(Location);
