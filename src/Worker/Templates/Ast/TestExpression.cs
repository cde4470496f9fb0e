namespace Oprel.Worker.Templates.Ast;

/// <summary><c>input is [not] name(arguments)</c>.</summary>
internal sealed record TestExpression(
    SourceLocation Location,
    Expression Input,
    string Name,
    IReadOnlyList<Expression> Arguments,
    bool Negated) : Expression(Location);
