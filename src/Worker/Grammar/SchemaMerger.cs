using System.Text.Json;
using System.Text.Json.Nodes;

namespace Oprel.Worker.Grammar;

/// <summary>
/// Merges the schemas of an <c>allOf</c> (and a <c>$ref</c> with constraints beside it) into one schema that allows
/// only values all of them allow: properties and <c>required</c> are combined, a property one part's
/// <c>additionalProperties</c> forbids is dropped, types intersect, bounds tighten. Keywords that cannot be combined
/// (two different patterns, two <c>anyOf</c>s) are refused.
/// </summary>
internal sealed class SchemaMerger(SchemaReferences references)
{
    private const int MaxDepth = 64;

    private static readonly HashSet<string> Lower = new(StringComparer.Ordinal)
    {
        "minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties",
    };

    private static readonly HashSet<string> Upper = new(StringComparer.Ordinal)
    {
        "maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties",
    };

    private static readonly HashSet<string> ObjectKeywords = new(StringComparer.Ordinal)
    {
        "properties", "required", "additionalProperties", "unevaluatedProperties",
    };

    public JsonObject Merge(IEnumerable<ResolvedSchema> schemas, string path)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        var parts = new List<ResolvedSchema>();
        foreach (var schema in schemas)
        {
            Flatten(schema, parts, 0);
        }

        var merged = new JsonObject();
        List<string>? types = null;
        foreach (var part in parts)
        {
            foreach (var (keyword, value) in (JsonObject)part.Node!)
            {
                if (ObjectKeywords.Contains(keyword))
                {
                    continue;
                }

                if (keyword == "type")
                {
                    types = Intersect(types, ReadTypes(value, part.Path), path);
                }
                else if (SchemaReader.Annotations.Contains(keyword))
                {
                    merged.TryAdd(keyword, value?.DeepClone());
                }
                else if (!merged.TryGetPropertyValue(keyword, out var existing))
                {
                    merged[keyword] = value?.DeepClone();
                }
                else
                {
                    merged[keyword] = Combine(keyword, existing, value, path);
                }
            }
        }

        if (types is not null)
        {
            merged["type"] = types.Count == 1 ? JsonValue.Create(types[0]) : new JsonArray([.. types.Select(t => JsonValue.Create(t))]);
        }

        MergeObjectKeywords(parts, merged, path);
        return merged;
    }

    private void Flatten(ResolvedSchema schema, List<ResolvedSchema> parts, int depth)
    {
        if (SchemaReader.AllowsAnything(schema.Node))
        {
            return;
        }

        if (SchemaReader.AllowsNothing(schema.Node))
        {
            throw JsonSchemaGrammarException.At(schema.Path, "allOf includes the schema false, which allows no value.");
        }

        if (schema.Node is not JsonObject members)
        {
            throw JsonSchemaGrammarException.At(schema.Path, "a schema must be an object or a boolean.");
        }

        if (depth > MaxDepth)
        {
            throw JsonSchemaGrammarException.At(schema.Path, "allOf and $ref nest too deeply, or refer to each other in a circle.");
        }

        var rest = new JsonObject();
        foreach (var (keyword, value) in members)
        {
            if (keyword is not "$ref" and not "allOf")
            {
                rest[keyword] = value?.DeepClone();
            }
        }

        if (SchemaReader.GetString(members, "$ref", schema.Path) is { } reference)
        {
            Flatten(references.Resolve(reference, schema.Path), parts, depth + 1);
        }

        var allOf = SchemaReader.GetArray(members, "allOf", schema.Path) ?? [];
        for (var i = 0; i < allOf.Count; i++)
        {
            Flatten(new ResolvedSchema(allOf[i], $"{schema.Path}/allOf/{i}"), parts, depth + 1);
        }

        // OpenAPI's "nullable" widens the part's own type; written as a type it merges like any other.
        if (rest["nullable"] is JsonValue nullable && nullable.GetValueKind() == JsonValueKind.True && rest["type"] is { } type)
        {
            var widened = ReadTypes(type, schema.Path);
            if (!widened.Contains("null"))
            {
                widened.Add("null");
            }

            rest["type"] = new JsonArray([.. widened.Select(t => JsonValue.Create(t))]);
        }

        rest.Remove("nullable");
        if (rest.Count > 0)
        {
            parts.Add(new ResolvedSchema(rest, schema.Path));
        }
    }

    private static JsonNode? Combine(string keyword, JsonNode? existing, JsonNode? value, string path)
    {
        if (JsonNode.DeepEquals(existing, value))
        {
            return existing;
        }

        if (Lower.Contains(keyword) && IsNumber(existing) && IsNumber(value))
        {
            return SchemaReader.ToDecimal(existing!) >= SchemaReader.ToDecimal(value!) ? existing : value?.DeepClone();
        }

        if (Upper.Contains(keyword) && IsNumber(existing) && IsNumber(value))
        {
            return SchemaReader.ToDecimal(existing!) <= SchemaReader.ToDecimal(value!) ? existing : value?.DeepClone();
        }

        switch (keyword)
        {
            case "enum" when existing is JsonArray first && value is JsonArray second:
                var common = first.Where(item => second.Any(other => JsonNode.DeepEquals(item, other))).Select(item => item?.DeepClone()).ToArray();
                return common.Length > 0
                    ? new JsonArray(common)
                    : throw JsonSchemaGrammarException.At(path, "allOf combines enums with no value in common.");
            case "items":
                return new JsonObject { ["allOf"] = new JsonArray(existing?.DeepClone(), value?.DeepClone()) };
            case "uniqueItems":
                return JsonValue.Create(true);
            default:
                throw JsonSchemaGrammarException.At(path, $"allOf combines different values of '{keyword}', which is not supported.");
        }
    }

    /// <summary>
    /// Combines properties: each property must satisfy every part, through that part's <c>properties</c> or else its
    /// <c>additionalProperties</c>; one that a part forbids is left out, and must then not be required.
    /// </summary>
    private static void MergeObjectKeywords(List<ResolvedSchema> parts, JsonObject merged, string path)
    {
        var objectParts = parts
            .Select(part => (JsonObject)part.Node!)
            .Where(part => part.ContainsKey("properties") || Additional(part) is not null)
            .ToList();
        var required = parts.SelectMany(part => SchemaReader.GetRequired((JsonObject)part.Node!, part.Path)).Distinct(StringComparer.Ordinal).ToList();
        var names = objectParts
            .SelectMany(part => part["properties"] is JsonObject properties ? properties.Select(p => p.Key) : [])
            .Concat(required)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var properties = new JsonObject();
        foreach (var name in names)
        {
            var constraints = new List<JsonNode?>();
            var forbidden = false;
            var declared = false;
            foreach (var part in objectParts)
            {
                if (part["properties"] is JsonObject own && own.TryGetPropertyValue(name, out var schema))
                {
                    constraints.Add(schema?.DeepClone());
                    declared = true;
                }
                else if (SchemaReader.AllowsNothing(Additional(part)))
                {
                    forbidden = true;
                }
                else if (Additional(part) is { } additional && !SchemaReader.AllowsAnything(additional))
                {
                    constraints.Add(additional.DeepClone());
                }
            }

            if (forbidden)
            {
                if (required.Contains(name, StringComparer.Ordinal))
                {
                    throw JsonSchemaGrammarException.At(path, $"allOf requires the property '{name}', which one of its schemas does not allow.");
                }

                continue;
            }

            if (declared || constraints.Count > 0)
            {
                properties[name] = constraints.Count switch
                {
                    0 => JsonValue.Create(true),
                    1 => constraints[0],
                    _ => new JsonObject { ["allOf"] = new JsonArray([.. constraints]) },
                };
            }
        }

        if (objectParts.Any(part => part.ContainsKey("properties")) || properties.Count > 0)
        {
            merged["properties"] = properties;
        }

        if (required.Count > 0)
        {
            merged["required"] = new JsonArray([.. required.Select(name => JsonValue.Create(name))]);
        }

        var additionals = objectParts.Select(Additional).Where(node => node is not null).ToList();
        if (additionals.Any(SchemaReader.AllowsNothing))
        {
            merged["additionalProperties"] = false;
        }
        else if (additionals.Where(node => !SchemaReader.AllowsAnything(node)).ToList() is { Count: > 0 } schemas)
        {
            merged["additionalProperties"] = schemas.Count == 1
                ? schemas[0]!.DeepClone()
                : new JsonObject { ["allOf"] = new JsonArray([.. schemas.Select(s => s!.DeepClone())]) };
        }
        else if (additionals.Count > 0)
        {
            merged["additionalProperties"] = true;
        }
    }

    private static JsonNode? Additional(JsonObject part) => part["additionalProperties"] ?? part["unevaluatedProperties"];

    private static bool IsNumber(JsonNode? node) => node?.GetValueKind() == JsonValueKind.Number;

    private static List<string> ReadTypes(JsonNode? type, string path)
    {
        var at = SchemaReader.Child(path, "type");
        return type switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
            JsonArray list when list.All(item => item?.GetValueKind() == JsonValueKind.String) => [.. list.Select(item => item!.GetValue<string>())],
            _ => throw JsonSchemaGrammarException.At(at, "must be a type name or an array of type names."),
        };
    }

    private static List<string> Intersect(List<string>? types, List<string> other, string path)
    {
        if (types is null)
        {
            return other;
        }

        var common = new List<string>();
        foreach (var type in types)
        {
            if (other.Contains(type))
            {
                common.Add(type);
            }
            else if ((type == "integer" && other.Contains("number")) || (type == "number" && other.Contains("integer")))
            {
                common.Add("integer");
            }
        }

        return common.Count > 0
            ? [.. common.Distinct(StringComparer.Ordinal)]
            : throw JsonSchemaGrammarException.At(path, "allOf combines types with nothing in common.");
    }
}
