namespace Oprel.Worker.Templates.Ast;

/// <summary><c>target[start:stop:step]</c>; a missing part is null.</summary>
internal sealed record SliceExpression(SourceLocation Location, Expression Target, Expression? Start, Expression? Stop, Expression? Step)
    : Expression(Location);
