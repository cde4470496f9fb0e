namespace Oprel.Worker.Templates.Ast;

/// <summary>A macro parameter and its default, if any.</summary>
internal sealed record MacroParameter(string Name, Expression? Default);
