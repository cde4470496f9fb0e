using System.Globalization;
using System.Text.Json.Nodes;

namespace Oprel.Worker.Grammar;

/// <summary>Resolves <c>$ref</c>s inside one schema document (<c>#</c>, <c>#/$defs/Name</c>, <c>#/definitions/Name</c>, any JSON pointer).</summary>
internal sealed class SchemaReferences(JsonNode? root)
{
    private const string Root = "#";

    public ResolvedSchema Resolve(string reference, string path)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var at = SchemaReader.Child(path, "$ref");
        if (!reference.StartsWith('#'))
        {
            throw JsonSchemaGrammarException.At(at, $"'{reference}' is not supported; only references inside the schema ('#/$defs/Name') are.");
        }

        var pointer = Uri.UnescapeDataString(reference[1..]);
        if (pointer.Length == 0)
        {
            return new ResolvedSchema(root, Root);
        }

        if (!pointer.StartsWith('/'))
        {
            throw JsonSchemaGrammarException.At(at, $"'{reference}' names an anchor, which is not supported; use a JSON pointer such as '#/$defs/Name'.");
        }

        var node = root;
        foreach (var segment in pointer[1..].Split('/'))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject container when container.TryGetPropertyValue(name, out var child) && child is not null => child,
                JsonArray list when int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < list.Count && list[index] is { } item => item,
                _ => throw JsonSchemaGrammarException.At(at, $"'{reference}' does not point to a schema in this document."),
            };
        }

        return new ResolvedSchema(node, Root + pointer);
    }

    /// <summary>
    /// Refuses a reference that can reach itself before the output has any token, through <c>$ref</c>, <c>anyOf</c>,
    /// <c>oneOf</c> and <c>allOf</c> alone (<c>A = anyOf[B, …]</c>, <c>B = A</c>): no grammar, llama.cpp's included, can
    /// expand such a rule.
    /// </summary>
    public void EnsureNotLeftRecursive(string reference, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<ResolvedSchema>();
        pending.Push(Resolve(reference, path));
        while (pending.TryPop(out var current))
        {
            foreach (var next in LeadingReferences(current.Node))
            {
                if (next == reference)
                {
                    throw JsonSchemaGrammarException.At(SchemaReader.Child(path, "$ref"), $"'{reference}' refers back to itself before any JSON token (left recursion), which cannot be generated.");
                }

                if (seen.Add(next))
                {
                    pending.Push(Resolve(next, current.Path));
                }
            }
        }
    }

    /// <summary>The references a schema may expand to first, before it consumes any character.</summary>
    private static IEnumerable<string> LeadingReferences(JsonNode? schema)
    {
        if (schema is not JsonObject members)
        {
            yield break;
        }

        if (members["$ref"] is JsonValue value && value.TryGetValue<string>(out var reference))
        {
            yield return reference;
        }

        foreach (var keyword in (string[])["anyOf", "oneOf", "allOf"])
        {
            if (members[keyword] is not JsonArray alternatives)
            {
                continue;
            }

            foreach (var alternative in alternatives)
            {
                foreach (var nested in LeadingReferences(alternative))
                {
                    yield return nested;
                }
            }
        }
    }
}
