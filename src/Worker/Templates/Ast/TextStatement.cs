namespace Oprel.Worker.Templates.Ast;

/// <summary>Literal text between tags.</summary>
internal sealed record TextStatement(SourceLocation Location, string Text) : Statement(Location);
