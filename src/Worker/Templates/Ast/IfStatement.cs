namespace Oprel.Worker.Templates.Ast;

/// <summary><c>{% if %}…{% elif %}…{% else %}…{% endif %}</c>; an <c>elif</c> is an if inside <see cref="Otherwise"/>.</summary>
internal sealed record IfStatement(SourceLocation Location, Expression Condition, IReadOnlyList<Statement> Then, IReadOnlyList<Statement> Otherwise)
    : Statement(Location);
