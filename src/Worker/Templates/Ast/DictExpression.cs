namespace Oprel.Worker.Templates.Ast;

/// <summary><c>{'key': value, …}</c>.</summary>
internal sealed record DictExpression(SourceLocation Location, IReadOnlyList<DictEntry> Entries) : Expression(Location);
