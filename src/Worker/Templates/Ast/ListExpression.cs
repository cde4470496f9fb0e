namespace Oprel.Worker.Templates.Ast;

/// <summary><c>[a, b]</c>, or the tuple <c>(a, b)</c> when <paramref name="IsTuple"/>.</summary>
internal sealed record ListExpression(SourceLocation Location, IReadOnlyList<Expression> Items, bool IsTuple) : Expression(Location);
