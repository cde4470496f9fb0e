using System.Text.Json.Nodes;

namespace Oprel.Worker.Grammar;

/// <summary>A subschema and its JSON pointer in the document (for error messages).</summary>
internal sealed record ResolvedSchema(JsonNode? Node, string Path);
