using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Oprel.Worker.Grammar;

/// <summary>
/// Walks one JSON schema and writes the GBNF grammar of the JSON texts it allows. Every value rule ends with optional,
/// bounded whitespace (<see cref="JsonPrimitiveRules.Space"/>); objects list required properties first, in the order of
/// <c>properties</c>, then optional ones in order, each at most once; <c>$ref</c>s become rules of their own, so
/// recursive schemas become recursive rules.
/// </summary>
internal sealed class JsonSchemaConverter
{
    /// <summary>Keywords whose constraint cannot be enforced while generating; a schema using them is refused.</summary>
    private static readonly FrozenSet<string> Unsupported = FrozenSet.Create(
        StringComparer.Ordinal,
        "not", "if", "then", "else", "patternProperties", "propertyNames", "dependentRequired", "dependentSchemas",
        "dependencies", "contains", "minContains", "maxContains", "multipleOf", "$dynamicRef", "$recursiveRef");

    private static readonly FrozenSet<string> ObjectKeywords = FrozenSet.Create(
        StringComparer.Ordinal, "properties", "required", "additionalProperties", "unevaluatedProperties", "minProperties", "maxProperties");

    private static readonly FrozenSet<string> ArrayKeywords = FrozenSet.Create(
        StringComparer.Ordinal, "items", "prefixItems", "additionalItems", "unevaluatedItems", "minItems", "maxItems", "uniqueItems");

    private static readonly FrozenSet<string> StringKeywords = FrozenSet.Create(
        StringComparer.Ordinal, "minLength", "maxLength", "pattern", "format");

    private static readonly FrozenSet<string> NumberKeywords = FrozenSet.Create(
        StringComparer.Ordinal, "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");

    private static readonly string[] AllTypes = ["object", "array", "string", "number", "integer", "boolean", "null"];

    private static readonly string Quote = GbnfText.Literal("\"");

    private readonly GbnfRuleSet _rules = new(JsonPrimitiveRules.Names.Concat(StringFormatGrammar.RuleNames));
    private readonly SchemaReferences _references;
    private readonly SchemaMerger _merger;
    private readonly Dictionary<string, string> _referenceRules = new(StringComparer.Ordinal);

    private JsonSchemaConverter(JsonNode? root)
    {
        _references = new SchemaReferences(root);
        _merger = new SchemaMerger(_references);
    }

    /// <summary>The grammar, with its <c>root</c> rule first, of the JSON values <paramref name="schema"/> allows.</summary>
    public static string Convert(JsonNode? schema)
    {
        var converter = new JsonSchemaConverter(schema);
        converter._rules.ReserveRoot();
        converter._referenceRules["#"] = GbnfRuleSet.RootName;
        converter._references.EnsureNotLeftRecursive("#", "#");
        converter._rules.SetBody(GbnfRuleSet.RootName, converter.Build(schema, "#", GbnfRuleSet.RootName));
        return converter._rules.Render();
    }

    /// <summary>The grammar of any JSON object.</summary>
    public static string AnyObject()
    {
        var rules = new GbnfRuleSet(JsonPrimitiveRules.Names);
        rules.ReserveRoot();
        rules.SetBody(GbnfRuleSet.RootName, JsonPrimitiveRules.Require(rules, JsonPrimitiveRules.Object));
        return rules.Render();
    }

    /// <summary>A GBNF term (a rule name) for the value <paramref name="schema"/> allows, followed by whitespace.</summary>
    private string Visit(JsonNode? schema, string path, string hint)
    {
        var expression = Build(schema, path, hint);
        return GbnfText.IsRuleName(expression) ? expression : _rules.Define(hint, expression);
    }

    /// <summary>A GBNF rule body for the value <paramref name="schema"/> allows, followed by whitespace.</summary>
    private string Build(JsonNode? schema, string path, string hint)
    {
        if (SchemaReader.AllowsNothing(schema))
        {
            throw JsonSchemaGrammarException.At(path, "the schema false allows no value.");
        }

        if (SchemaReader.AllowsAnything(schema))
        {
            return JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Value);
        }

        if (schema is not JsonObject members)
        {
            throw JsonSchemaGrammarException.At(path, "a schema must be an object or a boolean.");
        }

        CheckKeywords(members, path);
        if (SchemaReader.GetString(members, "$ref", path) is { } reference)
        {
            return HasConstraintsBesides(members, "$ref")
                ? Build(_merger.Merge([new ResolvedSchema(members, path)], path), path, hint)
                : ReferenceRule(reference, path);
        }

        if (members.ContainsKey("allOf"))
        {
            return Build(_merger.Merge([new ResolvedSchema(members, path)], path), path, hint);
        }

        if (members.ContainsKey("anyOf") || members.ContainsKey("oneOf"))
        {
            return Alternatives(members, path, hint);
        }

        if (members["nullable"] is JsonValue nullable && nullable.GetValueKind() == JsonValueKind.True)
        {
            var withoutNull = (JsonObject)members.DeepClone();
            withoutNull.Remove("nullable");
            return Either([Visit(withoutNull, path, hint + "-value"), JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Null)]);
        }

        var types = ReadTypes(members, path);
        if (members.ContainsKey("const") || members.ContainsKey("enum"))
        {
            return Constants(members, (IReadOnlyCollection<string>?)types ?? AllTypes, path);
        }

        if (types is null)
        {
            return JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Value);
        }

        if (types.Count == 1)
        {
            return BuildTyped(members, types[0], path, hint);
        }

        return Either(types.Select(type =>
        {
            var expression = BuildTyped(members, type, path, $"{hint}-{type}");
            return GbnfText.IsRuleName(expression) ? expression : _rules.Define($"{hint}-{type}", expression);
        }));
    }

    private string BuildTyped(JsonObject schema, string type, string path, string hint) => type switch
    {
        "object" => ObjectRule(schema, path, hint),
        "array" => ArrayRule(schema, path, hint),
        "string" => StringRule(schema, path, hint),
        "integer" => IntegerRule(schema, path),
        "number" => NumberRule(schema, path),
        "boolean" => JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Boolean),
        "null" => JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Null),
        _ => throw JsonSchemaGrammarException.At(SchemaReader.Child(path, "type"), $"'{type}' is not a JSON schema type."),
    };

    private static void CheckKeywords(JsonObject schema, string path)
    {
        foreach (var keyword in schema.Select(member => member.Key))
        {
            if (Unsupported.Contains(keyword))
            {
                throw JsonSchemaGrammarException.At(SchemaReader.Child(path, keyword), $"'{keyword}' cannot be enforced while generating and is not supported.");
            }
        }

        if (schema.ContainsKey("anyOf") && schema.ContainsKey("oneOf"))
        {
            throw JsonSchemaGrammarException.At(path, "'anyOf' and 'oneOf' in the same schema are not supported; nest one in an 'allOf'.");
        }
    }

    private static bool HasConstraintsBesides(JsonObject schema, string keyword) =>
        schema.Any(member => member.Key != keyword && !SchemaReader.Annotations.Contains(member.Key));

    private string ReferenceRule(string reference, string path)
    {
        if (_referenceRules.TryGetValue(reference, out var existing))
        {
            return existing;
        }

        var target = _references.Resolve(reference, path);
        _references.EnsureNotLeftRecursive(reference, path);
        var name = _rules.Reserve("ref-" + target.Path[(target.Path.LastIndexOf('/') + 1)..]);
        _referenceRules[reference] = name;
        _rules.SetBody(name, Build(target.Node, target.Path, name));
        return name;
    }

    /// <summary><c>anyOf</c>/<c>oneOf</c>: any of the alternatives, each combined with the constraints beside it.</summary>
    private string Alternatives(JsonObject schema, string path, string hint)
    {
        var keyword = schema.ContainsKey("anyOf") ? "anyOf" : "oneOf";
        var alternatives = SchemaReader.GetArray(schema, keyword, path)!;
        if (alternatives.Count == 0)
        {
            throw JsonSchemaGrammarException.At(SchemaReader.Child(path, keyword), "must not be empty.");
        }

        var siblings = new JsonObject();
        foreach (var (name, value) in schema)
        {
            if (name != keyword)
            {
                siblings[name] = value?.DeepClone();
            }
        }

        var constrained = HasConstraintsBesides(siblings, keyword);
        var terms = new List<string>();
        for (var i = 0; i < alternatives.Count; i++)
        {
            var alternativePath = $"{path}/{keyword}/{i}";
            if (SchemaReader.AllowsNothing(alternatives[i]))
            {
                continue;
            }

            var alternative = constrained
                ? _merger.Merge([new ResolvedSchema(siblings, path), new ResolvedSchema(alternatives[i], alternativePath)], alternativePath)
                : alternatives[i];
            terms.Add(Visit(alternative, alternativePath, $"{hint}-{i}"));
        }

        return terms.Count > 0 ? Either(terms) : throw JsonSchemaGrammarException.At(path, $"every alternative of '{keyword}' is false.");
    }

    /// <summary><c>const</c> and <c>enum</c>: exactly those JSON values (of the schema's types, if it names some).</summary>
    private string Constants(JsonObject schema, IReadOnlyCollection<string> types, string path)
    {
        var values = new List<JsonNode?>();
        if (schema.TryGetPropertyValue("const", out var constant))
        {
            values.Add(constant);
        }
        else
        {
            var list = SchemaReader.GetArray(schema, "enum", path)!;
            values.AddRange(list);
        }

        if (schema.ContainsKey("const") && SchemaReader.GetArray(schema, "enum", path) is { } allowed && !allowed.Any(v => JsonNode.DeepEquals(v, constant)))
        {
            throw JsonSchemaGrammarException.At(path, "'const' is not among the values of 'enum'.");
        }

        var typed = values.Where(value => SchemaReader.TypesOf(value).Any(types.Contains)).ToList();
        if (typed.Count == 0)
        {
            throw JsonSchemaGrammarException.At(path, "no value of 'enum'/'const' has the schema's type.");
        }

        var space = JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Space);
        return Either(typed.Select(value => $"{GbnfText.Literal(SchemaReader.ToCompactJson(value))} {space}"));
    }

    private string StringRule(JsonObject schema, string path, string hint)
    {
        var minLength = SchemaReader.GetCount(schema, "minLength", path);
        var maxLength = SchemaReader.GetCount(schema, "maxLength", path);
        var pattern = SchemaReader.GetString(schema, "pattern", path);
        var format = SchemaReader.GetString(schema, "format", path);
        var space = JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Space);
        if (maxLength < minLength)
        {
            throw JsonSchemaGrammarException.At(path, "'maxLength' is below 'minLength'; no string fits.");
        }

        var hasLength = minLength is not null || maxLength is not null;
        if (pattern is not null)
        {
            if (hasLength)
            {
                throw JsonSchemaGrammarException.At(path, "'pattern' together with 'minLength'/'maxLength' is not supported; put the length into the pattern.");
            }

            var body = RegexToGbnf.Translate(pattern, _rules, hint + "-pattern", SchemaReader.Child(path, "pattern"));
            return GbnfText.Sequence(Quote, body, Quote, space);
        }

        if (format is not null && StringFormatGrammar.Require(_rules, format) is { } formatRule)
        {
            if (hasLength)
            {
                throw JsonSchemaGrammarException.At(path, $"'format': '{format}' together with 'minLength'/'maxLength' is not supported.");
            }

            return GbnfText.Sequence(Quote, formatRule, Quote, space);
        }

        var character = JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Character);
        if (!hasLength)
        {
            return JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.String);
        }

        return GbnfText.Sequence(Quote, _rules.Repeat(character, minLength ?? 0, maxLength, hint + "-chars"), Quote, space);
    }

    private string IntegerRule(JsonObject schema, string path)
    {
        var (minimum, minimumExclusive, maximum, maximumExclusive) = ReadBounds(schema, path);
        if (minimum is null && maximum is null)
        {
            return JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Integer);
        }

        var low = minimum is { } min && minimumExclusive ? decimal.Floor(min) + 1 : minimum;
        var high = maximum is { } max && maximumExclusive ? decimal.Ceiling(max) - 1 : maximum;
        var range = NumericRangeGrammar.IntegerRange(low, high)
            ?? throw JsonSchemaGrammarException.At(path, "no integer lies within 'minimum'/'maximum' (within 16 digits).");
        return $"( {range} ) {JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Space)}";
    }

    private string NumberRule(JsonObject schema, string path)
    {
        var (minimum, minimumExclusive, maximum, maximumExclusive) = ReadBounds(schema, path);
        if (minimum is null && maximum is null)
        {
            return JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Number);
        }

        // An exclusive bound moves inwards by the smallest step the grammar writes (sixteen decimal places).
        const decimal Step = 0.0000000000000001m;
        var low = minimum is { } min && minimumExclusive ? min + Step : minimum;
        var high = maximum is { } max && maximumExclusive ? max - Step : maximum;
        var range = NumericRangeGrammar.DecimalRange(low, high)
            ?? throw JsonSchemaGrammarException.At(path, "no number lies within 'minimum'/'maximum'.");
        return $"( {range} ) {JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Space)}";
    }

    /// <summary>The tightest lower and upper bounds of <c>minimum</c>, <c>exclusiveMinimum</c> (a number, or draft 4's boolean) and their maxima.</summary>
    private static (decimal? Minimum, bool MinimumExclusive, decimal? Maximum, bool MaximumExclusive) ReadBounds(JsonObject schema, string path)
    {
        var (minimum, minimumExclusive) = ReadBound(schema, "minimum", "exclusiveMinimum", path, lower: true);
        var (maximum, maximumExclusive) = ReadBound(schema, "maximum", "exclusiveMaximum", path, lower: false);
        return (minimum, minimumExclusive, maximum, maximumExclusive);
    }

    private static (decimal? Bound, bool Exclusive) ReadBound(JsonObject schema, string inclusiveKeyword, string exclusiveKeyword, string path, bool lower)
    {
        var inclusive = SchemaReader.GetNumber(schema, inclusiveKeyword, path);
        var exclusiveNode = schema[exclusiveKeyword];
        if (exclusiveNode is null)
        {
            return (inclusive, false);
        }

        switch (exclusiveNode.GetValueKind())
        {
            case JsonValueKind.True:
                return (inclusive, inclusive is not null);
            case JsonValueKind.False:
                return (inclusive, false);
            case JsonValueKind.Number:
                var exclusive = SchemaReader.ToDecimal(exclusiveNode);
                if (inclusive is not { } bound)
                {
                    return (exclusive, true);
                }

                var exclusiveIsTighter = lower ? exclusive >= bound : exclusive <= bound;
                return exclusiveIsTighter ? (exclusive, true) : (bound, false);
            default:
                throw JsonSchemaGrammarException.At(SchemaReader.Child(path, exclusiveKeyword), "must be a number.");
        }
    }

    private string ObjectRule(JsonObject schema, string path, string hint)
    {
        var properties = SchemaReader.GetObject(schema, "properties", path);
        var required = SchemaReader.GetRequired(schema, path);
        var additional = schema["additionalProperties"] ?? schema["unevaluatedProperties"];
        var declared = properties is not null || required.Count > 0;

        // Without "additionalProperties", an object with declared properties gets only those: a valid, focused answer.
        var additionalAllowed = additional is null ? !declared : !SchemaReader.AllowsNothing(additional);
        var additionalSchema = additional is not null && !SchemaReader.AllowsAnything(additional) && additionalAllowed ? additional : null;
        var space = JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Space);
        var open = $"{GbnfText.Literal("{")} {space}";
        var close = $"{GbnfText.Literal("}")} {space}";
        var comma = $"{GbnfText.Literal(",")} {space}";

        var declaredNames = (properties?.Select(p => p.Key) ?? []).Concat(required).Distinct(StringComparer.Ordinal).ToList();
        CheckPropertyCounts(schema, path, required.Count, additionalAllowed ? null : declaredNames.Count);
        if (!declared && !additionalAllowed)
        {
            return $"{open} {close}";
        }

        if (!declared && additionalSchema is null)
        {
            return JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Object);
        }

        var requiredEntries = new List<string>();
        var optionalEntries = new List<string>();
        foreach (var name in declaredNames)
        {
            JsonNode? valueSchema;
            string valuePath;
            if (properties is not null && properties.TryGetPropertyValue(name, out var propertySchema))
            {
                (valueSchema, valuePath) = (propertySchema, SchemaReader.Child(SchemaReader.Child(path, "properties"), name));
            }
            else if (additionalAllowed)
            {
                (valueSchema, valuePath) = (additionalSchema ?? JsonValue.Create(true), SchemaReader.Child(path, "additionalProperties"));
            }
            else
            {
                throw JsonSchemaGrammarException.At(path, $"the property '{name}' is required, but 'additionalProperties' does not allow it.");
            }

            if (SchemaReader.AllowsNothing(valueSchema))
            {
                if (required.Contains(name, StringComparer.Ordinal))
                {
                    throw JsonSchemaGrammarException.At(valuePath, $"the property '{name}' is required, but its schema is false.");
                }

                continue;
            }

            var value = Visit(valueSchema, valuePath, $"{hint}-{name}");
            var entry = _rules.Define($"{hint}-{name}-kv", $"{GbnfText.Literal(SchemaReader.ToJsonString(name))} {space} {GbnfText.Literal(":")} {space} {value}");
            (required.Contains(name, StringComparer.Ordinal) ? requiredEntries : optionalEntries).Add(entry);
        }

        string? additionalEntry = null;
        if (additionalAllowed)
        {
            var key = declaredNames.Count == 0
                ? JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.String)
                : _rules.Define($"{hint}-additional-key", GbnfText.Sequence(Quote, OtherKey(declaredNames), Quote, space));
            var value = additionalSchema is null
                ? JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Value)
                : Visit(additionalSchema, SchemaReader.Child(path, "additionalProperties"), $"{hint}-additional");
            additionalEntry = _rules.Define($"{hint}-additional-kv", $"{key} {GbnfText.Literal(":")} {space} {value}");
        }

        var more = additionalEntry is null ? "" : GbnfText.Repeat($"( {comma} {additionalEntry} )", 0, null);
        string OptionalTail(int from) =>
            GbnfText.Sequence(optionalEntries.Skip(from).Select(entry => $"( {comma} {entry} )?").Append(more));

        if (requiredEntries.Count > 0)
        {
            return GbnfText.Sequence(open, string.Join($" {comma} ", requiredEntries), OptionalTail(0), close);
        }

        // No required property: the first one present has no comma before it.
        var firsts = optionalEntries.Select((entry, index) => GbnfText.Sequence(entry, OptionalTail(index + 1))).ToList();
        if (additionalEntry is not null)
        {
            firsts.Add(GbnfText.Sequence(additionalEntry, more));
        }

        if (firsts.Count == 0)
        {
            return $"{open} {close}";
        }

        var members = _rules.Define($"{hint}-members", string.Join(" | ", firsts));
        return $"{open} {members}? {close}";
    }

    /// <summary><c>minProperties</c>/<c>maxProperties</c> are accepted where every generated object satisfies them anyway.</summary>
    private static void CheckPropertyCounts(JsonObject schema, string path, int requiredCount, int? mostProperties)
    {
        if (SchemaReader.GetCount(schema, "minProperties", path) is { } minProperties && minProperties > requiredCount)
        {
            throw JsonSchemaGrammarException.At(SchemaReader.Child(path, "minProperties"), "is only supported up to the number of required properties.");
        }

        if (SchemaReader.GetCount(schema, "maxProperties", path) is { } maxProperties && (mostProperties is null || mostProperties > maxProperties))
        {
            throw JsonSchemaGrammarException.At(SchemaReader.Child(path, "maxProperties"), "is only supported when no more properties than that can be generated.");
        }
    }

    /// <summary>
    /// The body of a key that is none of <paramref name="names"/>: a walk down the tree of their spellings that leaves
    /// it (an unlisted character, then anything) or stops where no name ends.
    /// </summary>
    private string OtherKey(List<string> names)
    {
        var character = JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Character);
        var root = new KeyTrie();
        foreach (var name in names)
        {
            var node = root;
            var complete = true;
            foreach (var rune in name.EnumerateRunes())
            {
                if (!JsonStringCharacters.IsUnescaped(rune.Value))
                {
                    // The walk writes no escape before it leaves the tree, so it cannot spell this name.
                    complete = false;
                    break;
                }

                node = node.Child(rune.Value);
            }

            node.IsName |= complete;
        }

        return Walk(root);

        string Walk(KeyTrie node)
        {
            var alternatives = new List<string>();
            var others = JsonStringCharacters.Unescaped.Except(CodePointSet.Of(node.Children.Keys.Select(c => new CodePointRange(c, c))));
            alternatives.Add($"{JsonStringCharacters.Expression(others)} {character}*");
            foreach (var (codePoint, child) in node.Children.OrderBy(c => c.Key))
            {
                alternatives.Add($"{GbnfText.Literal(char.ConvertFromUtf32(codePoint))} {Walk(child)}");
            }

            var ending = node.IsName ? "" : " |";
            return $"( {string.Join(" | ", alternatives)}{ending} )";
        }
    }

    private string ArrayRule(JsonObject schema, string path, string hint)
    {
        var minItems = SchemaReader.GetCount(schema, "minItems", path) ?? 0;
        var maxItems = SchemaReader.GetCount(schema, "maxItems", path);
        if (maxItems < minItems)
        {
            throw JsonSchemaGrammarException.At(path, "'maxItems' is below 'minItems'; no array fits.");
        }

        if (schema["uniqueItems"] is JsonValue unique && unique.GetValueKind() == JsonValueKind.True && (maxItems is null || maxItems > 1))
        {
            throw JsonSchemaGrammarException.At(SchemaReader.Child(path, "uniqueItems"), "cannot be enforced while generating (unless 'maxItems' is at most 1).");
        }

        JsonArray? prefix;
        JsonNode? rest;
        string restPath;
        if (schema["items"] is JsonArray tuple)
        {
            (prefix, rest, restPath) = (tuple, schema["additionalItems"], SchemaReader.Child(path, "additionalItems"));
        }
        else
        {
            (prefix, rest, restPath) = (SchemaReader.GetArray(schema, "prefixItems", path), schema["items"], SchemaReader.Child(path, "items"));
        }

        if (rest is null && schema["unevaluatedItems"] is { } unevaluated)
        {
            (rest, restPath) = (unevaluated, SchemaReader.Child(path, "unevaluatedItems"));
        }

        var space = JsonPrimitiveRules.Require(_rules, JsonPrimitiveRules.Space);
        var open = $"{GbnfText.Literal("[")} {space}";
        var close = $"{GbnfText.Literal("]")} {space}";
        var comma = $"{GbnfText.Literal(",")} {space}";
        var prefixCount = Math.Min(prefix?.Count ?? 0, maxItems ?? int.MaxValue);
        var terms = new List<string>();
        for (var i = 0; i < prefixCount; i++)
        {
            terms.Add(Visit(prefix![i], $"{path}/{(schema["items"] is JsonArray ? "items" : "prefixItems")}/{i}", $"{hint}-{i}"));
        }

        // Past a tuple: items of the rest schema; with no rest schema, only as many as minItems asks for.
        var restMin = Math.Max(0, minItems - prefixCount);
        int? restMax = prefixCount > 0 && rest is null ? restMin : maxItems - prefixCount;
        if (SchemaReader.AllowsNothing(rest))
        {
            if (restMin > 0)
            {
                throw JsonSchemaGrammarException.At(restPath, $"allows no item, but 'minItems' asks for {minItems}.");
            }

            restMax = 0;
        }

        var item = restMax == 0 ? null : Visit(rest ?? JsonValue.Create(true), restPath, $"{hint}-item");
        if (prefixCount > 0)
        {
            var body = string.Join($" {comma} ", terms);
            if (item is not null)
            {
                var next = _rules.Define($"{hint}-next", $"{comma} {item}");
                body = GbnfText.Sequence(body, _rules.Repeat(next, restMin, restMax, $"{hint}-rest"));
            }

            return GbnfText.Sequence(open, body, close);
        }

        if (item is null)
        {
            return $"{open} {close}";
        }

        var following = _rules.Define($"{hint}-next", $"{comma} {item}");
        var list = GbnfText.Sequence(item, _rules.Repeat(following, Math.Max(0, restMin - 1), restMax - 1, $"{hint}-rest"));
        if (restMin > 0)
        {
            return GbnfText.Sequence(open, list, close);
        }

        return $"{open} {_rules.Define($"{hint}-items", list)}? {close}";
    }

    /// <summary>
    /// The types a schema allows: its <c>type</c>, or the one its keywords imply (<c>properties</c>: an object), or
    /// <see langword="null"/> when nothing narrows it.
    /// </summary>
    private static List<string>? ReadTypes(JsonObject schema, string path)
    {
        var node = schema["type"];
        if (node is null)
        {
            return schema.Any(m => ObjectKeywords.Contains(m.Key)) ? ["object"]
                : schema.Any(m => ArrayKeywords.Contains(m.Key)) ? ["array"]
                : schema.Any(m => StringKeywords.Contains(m.Key)) ? ["string"]
                : schema.Any(m => NumberKeywords.Contains(m.Key)) ? ["number"]
                : null;
        }

        var at = SchemaReader.Child(path, "type");
        List<string> types = node switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
            JsonArray list when list.Count > 0 && list.All(item => item?.GetValueKind() == JsonValueKind.String) =>
                [.. list.Select(item => item!.GetValue<string>()).Distinct(StringComparer.Ordinal)],
            _ => throw JsonSchemaGrammarException.At(at, "must be a type name or a non-empty array of type names."),
        };
        if (types.Contains("number") && types.Contains("integer"))
        {
            types.Remove("integer");
        }

        if (types.FirstOrDefault(type => !AllTypes.Contains(type)) is { } unknown)
        {
            throw JsonSchemaGrammarException.At(at, string.Create(CultureInfo.InvariantCulture, $"'{unknown}' is not a JSON schema type."));
        }

        return types;
    }

    private static string Either(IEnumerable<string> alternatives) =>
        string.Join(" | ", alternatives.Distinct(StringComparer.Ordinal));
}
