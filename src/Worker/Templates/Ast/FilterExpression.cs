namespace Oprel.Worker.Templates.Ast;

/// <summary><c>input | name(arguments)</c>.</summary>
internal sealed record FilterExpression(
    SourceLocation Location,
    Expression Input,
    string Name,
    IReadOnlyList<Expression> Arguments,
    IReadOnlyList<KeywordArgument> Keywords) : Expression(Location);
