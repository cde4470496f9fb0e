namespace Oprel.Worker.Templates.Ast;

/// <summary>
/// <c>{% for target in iterable if filter %}body{% else %}otherwise{% endfor %}</c>. The target is a name or a tuple
/// of names; <see cref="Otherwise"/> renders when no item passes.
/// </summary>
internal sealed record ForStatement(
    SourceLocation Location,
    Expression Target,
    Expression Iterable,
    Expression? Filter,
    IReadOnlyList<Statement> Body,
    IReadOnlyList<Statement> Otherwise) : Statement(Location);
