using Oprel.Worker.Templates.Runtime;

namespace Oprel.Worker.Templates.Ast;

/// <summary>A constant: <c>'text'</c>, <c>42</c>, <c>1.5</c>, <c>true</c>, <c>none</c>.</summary>
internal sealed record LiteralExpression(SourceLocation Location, Value Value) : Expression(Location);
