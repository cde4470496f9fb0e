namespace Oprel.Worker.Templates.Ast;

/// <summary>A piece of a template's body: text, an output <c>{{ }}</c> or a tag.</summary>
internal abstract record Statement(SourceLocation Location);
