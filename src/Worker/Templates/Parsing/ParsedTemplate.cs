using Oprel.Worker.Templates.Ast;

namespace Oprel.Worker.Templates.Parsing;

/// <summary>A parsed template: its statements and every variable name it reads.</summary>
internal sealed record ParsedTemplate(IReadOnlyList<Statement> Body, IReadOnlySet<string> ReferencedNames);
