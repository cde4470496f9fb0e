using System.Collections.Frozen;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Oprel.Worker.Grammar;

/// <summary>Typed, validated reads of JSON schema keywords; a keyword of the wrong kind is an error naming where it is.</summary>
internal static class SchemaReader
{
    /// <summary>Keywords that only describe or organise a schema; they never constrain a value.</summary>
    public static FrozenSet<string> Annotations { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        "$schema", "$id", "$anchor", "$dynamicAnchor", "$comment", "$defs", "definitions", "$vocabulary",
        "title", "description", "default", "examples", "example", "deprecated", "readOnly", "writeOnly",
        "contentEncoding", "contentMediaType", "contentSchema", "discriminator", "xml", "externalDocs", "strict");

    /// <summary>The largest magnitude a number keyword is read with.</summary>
    public const decimal MaxMagnitude = 1e20m;

    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? GetString(JsonObject schema, string keyword, string path)
    {
        var node = schema[keyword];
        if (node is null)
        {
            return null;
        }

        return node.GetValueKind() == JsonValueKind.String
            ? node.GetValue<string>()
            : throw JsonSchemaGrammarException.At(Child(path, keyword), "must be a string.");
    }

    /// <summary>A non-negative integer keyword such as <c>minLength</c>, or <see langword="null"/> when absent.</summary>
    public static int? GetCount(JsonObject schema, string keyword, string path)
    {
        var value = GetNumber(schema, keyword, path);
        if (value is null)
        {
            return null;
        }

        if (value < 0 || value != decimal.Truncate(value.Value))
        {
            throw JsonSchemaGrammarException.At(Child(path, keyword), "must be a non-negative integer.");
        }

        return value > int.MaxValue ? int.MaxValue : (int)value.Value;
    }

    /// <summary>
    /// A number keyword, or <see langword="null"/> when absent. Magnitudes beyond <see cref="MaxMagnitude"/> are clamped
    /// to it: no grammar writes numbers that long, so such a bound is either no bound or unsatisfiable.
    /// </summary>
    public static decimal? GetNumber(JsonObject schema, string keyword, string path)
    {
        var node = schema[keyword];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number)
        {
            throw JsonSchemaGrammarException.At(Child(path, keyword), "must be a number.");
        }

        return ToDecimal(node);
    }

    public static decimal ToDecimal(JsonNode number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var value = number.AsValue();
        if (value.TryGetValue<decimal>(out var exact))
        {
            return Math.Clamp(exact, -MaxMagnitude, MaxMagnitude);
        }

        var approximate = value.GetValue<double>();
        return approximate switch
        {
            >= (double)MaxMagnitude => MaxMagnitude,
            <= (double)-MaxMagnitude => -MaxMagnitude,
            _ => decimal.Parse(approximate.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    public static JsonArray? GetArray(JsonObject schema, string keyword, string path)
    {
        var node = schema[keyword];
        return node switch
        {
            null => null,
            JsonArray array => array,
            _ => throw JsonSchemaGrammarException.At(Child(path, keyword), "must be an array."),
        };
    }

    public static JsonObject? GetObject(JsonObject schema, string keyword, string path)
    {
        var node = schema[keyword];
        return node switch
        {
            null => null,
            JsonObject value => value,
            _ => throw JsonSchemaGrammarException.At(Child(path, keyword), "must be an object."),
        };
    }

    /// <summary>The names in <c>required</c>, in order, each once.</summary>
    public static List<string> GetRequired(JsonObject schema, string path)
    {
        var names = new List<string>();
        foreach (var (item, index) in (GetArray(schema, "required", path) ?? []).Select((item, index) => (item, index)))
        {
            if (item?.GetValueKind() != JsonValueKind.String)
            {
                throw JsonSchemaGrammarException.At(Child(Child(path, "required"), index.ToString(CultureInfo.InvariantCulture)), "must be a string.");
            }

            var name = item.GetValue<string>();
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Whether <paramref name="node"/> is the schema <c>true</c> or <c>{}</c>: any value at all.</summary>
    public static bool AllowsAnything(JsonNode? node) =>
        node switch
        {
            JsonObject value => value.All(member => Annotations.Contains(member.Key)),
            JsonValue value => value.GetValueKind() == JsonValueKind.True,
            _ => false,
        };

    /// <summary>Whether <paramref name="node"/> is the schema <c>false</c>: no value at all.</summary>
    public static bool AllowsNothing(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.False;

    /// <summary>A JSON value written compactly, as it must appear in the output.</summary>
    public static string ToCompactJson(JsonNode? value) => value is null ? "null" : value.ToJsonString(CompactJson);

    /// <summary>The JSON string literal for <paramref name="text"/>, with its quotes.</summary>
    public static string ToJsonString(string text) => JsonValue.Create(text).ToJsonString(CompactJson);

    /// <summary>The JSON type names a value has: an integral number is both an "integer" and a "number".</summary>
    public static IEnumerable<string> TypesOf(JsonNode? value)
    {
        switch (value?.GetValueKind() ?? JsonValueKind.Null)
        {
            case JsonValueKind.String:
                return ["string"];
            case JsonValueKind.Number:
                var number = ToDecimal(value!);
                return number == decimal.Truncate(number) ? ["number", "integer"] : ["number"];
            case JsonValueKind.True or JsonValueKind.False:
                return ["boolean"];
            case JsonValueKind.Object:
                return ["object"];
            case JsonValueKind.Array:
                return ["array"];
            default:
                return ["null"];
        }
    }

    /// <summary>The JSON pointer of a keyword or member below <paramref name="path"/>.</summary>
    public static string Child(string path, string name) =>
        $"{path}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
}
