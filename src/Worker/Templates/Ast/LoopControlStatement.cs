namespace Oprel.Worker.Templates.Ast;

/// <summary><c>{% break %}</c> or, when <paramref name="IsContinue"/>, <c>{% continue %}</c>.</summary>
internal sealed record LoopControlStatement(SourceLocation Location, bool IsContinue) : Statement(Location);
