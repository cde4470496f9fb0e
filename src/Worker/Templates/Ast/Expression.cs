namespace Oprel.Worker.Templates.Ast;

/// <summary>An expression inside <c>{{ }}</c> or a tag.</summary>
internal abstract record Expression(SourceLocation Location);
