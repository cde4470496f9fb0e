namespace Oprel.Worker.Templates.Ast;

/// <summary>A <c>name=value</c> argument of a call, filter or test.</summary>
internal sealed record KeywordArgument(string Name, Expression Value);
