namespace Oprel.Worker.Templates.Ast;

/// <summary><c>callee(arguments, name=value)</c>.</summary>
internal sealed record CallExpression(
    SourceLocation Location,
    Expression Callee,
    IReadOnlyList<Expression> Arguments,
    IReadOnlyList<KeywordArgument> Keywords) : Expression(Location);
