using Oprel.Worker.Grammar;

namespace Oprel.Worker.Tests.Grammar;

/// <summary>Schemas that cannot become a grammar fail with a message naming where in the schema, and why.</summary>
public sealed class JsonSchemaGrammarErrorTests
{
    [Theory]
    [InlineData("{ \"type\": ", "not valid JSON")]
    [InlineData("""{ "type": "string", "type": "integer" }""", "not valid JSON")]
    [InlineData("null", "#: a schema must be an object or a boolean")]
    [InlineData("42", "#: a schema must be an object or a boolean")]
    [InlineData("false", "#: the schema false allows no value")]
    [InlineData("""{ "type": "strin" }""", "#/type: 'strin' is not a JSON schema type")]
    [InlineData("""{ "type": 5 }""", "#/type: must be a type name")]
    [InlineData("""{ "type": "object", "properties": { "a": { "not": { "type": "null" } } } }""", "#/properties/a/not: 'not' cannot be enforced")]
    [InlineData("""{ "if": { "type": "string" }, "then": { "maxLength": 3 } }""", "#/if: 'if' cannot be enforced")]
    [InlineData("""{ "type": "object", "patternProperties": { "^x": {} } }""", "#/patternProperties")]
    [InlineData("""{ "type": "integer", "multipleOf": 5 }""", "#/multipleOf")]
    [InlineData("""{ "type": "array", "uniqueItems": true }""", "#/uniqueItems: cannot be enforced")]
    [InlineData("""{ "type": "object", "properties": { "a": {} }, "minProperties": 1 }""", "#/minProperties")]
    [InlineData("""{ "type": "object", "maxProperties": 3 }""", "#/maxProperties")]
    [InlineData("""{ "anyOf": [{ "type": "string" }], "oneOf": [{ "type": "string" }] }""", "'anyOf' and 'oneOf' in the same schema")]
    public void FromSchema_InvalidOrUnsupported_ThrowsNamingThePlace(string schema, string message)
    {
        var error = Assert.Throws<JsonSchemaGrammarException>(() => JsonSchemaGrammar.FromSchema(schema));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "$ref": "https://example.com/schema.json" }""", "#/$ref: 'https://example.com/schema.json' is not supported")]
    [InlineData("""{ "$ref": "#/$defs/missing" }""", "#/$ref: '#/$defs/missing' does not point to a schema")]
    [InlineData("""{ "$ref": "#node" }""", "names an anchor")]
    [InlineData("""{ "$defs": { "a": { "anyOf": [{ "$ref": "#/$defs/b" }, { "type": "null" }] }, "b": { "$ref": "#/$defs/a" } }, "$ref": "#/$defs/a" }""", "left recursion")]
    [InlineData("""{ "anyOf": [{ "$ref": "#" }, { "type": "null" }] }""", "'#' refers back to itself")]
    [InlineData("""{ "$defs": { "a": { "allOf": [{ "$ref": "#/$defs/a" }] } }, "type": "object", "properties": { "x": { "$ref": "#/$defs/a" } } }""", "left recursion")]
    public void FromSchema_BadReferences_Throws(string schema, string message)
    {
        var error = Assert.Throws<JsonSchemaGrammarException>(() => JsonSchemaGrammar.FromSchema(schema));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("^(?=a)b$", "lookaround assertions are not supported")]
    [InlineData("^(a)\\1$", "backreferences are not supported")]
    [InlineData("\\bword\\b", "word boundaries are not supported")]
    [InlineData("(?i)abc", "inline flags")]
    [InlineData("\\p{L}+", "Unicode property escapes")]
    [InlineData("(ab", "unterminated group")]
    [InlineData("ab)", "unbalanced ')'")]
    [InlineData("[a-", "unterminated character class")]
    [InlineData("[z-a]", "runs backwards")]
    [InlineData("*a", "'*' has nothing to repeat")]
    [InlineData("a**", "a quantifier cannot follow another quantifier")]
    [InlineData("a{3,1}", "maximum below its minimum")]
    [InlineData("a{20000}", "a repetition count above 10000")]
    [InlineData("(a*)*", "unbounded repetition of something that can match nothing")]
    [InlineData("a$b", "'$' is only supported at the end")]
    [InlineData("a^b", "'^' is only supported at the start")]
    [InlineData("[^\\s\\S]", "matches no character")]
    [InlineData("\\q", "the escape '\\q' is not supported")]
    public void FromSchema_UnsupportedPattern_ThrowsNamingThePattern(string pattern, string message)
    {
        var schema = $$"""{ "type": "object", "properties": { "code": { "type": "string", "pattern": {{System.Text.Json.JsonSerializer.Serialize(pattern)}} } } }""";

        var error = Assert.Throws<JsonSchemaGrammarException>(() => JsonSchemaGrammar.FromSchema(schema));

        Assert.StartsWith("#/properties/code/pattern: the pattern '", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "type": "string", "minLength": 5, "maxLength": 2 }""", "'maxLength' is below 'minLength'")]
    [InlineData("""{ "type": "array", "minItems": 3, "maxItems": 1 }""", "'maxItems' is below 'minItems'")]
    [InlineData("""{ "type": "array", "items": false, "minItems": 1 }""", "#/items: allows no item")]
    [InlineData("""{ "type": "integer", "minimum": 5, "maximum": 4 }""", "no integer lies within")]
    [InlineData("""{ "type": "integer", "minimum": 1.2, "maximum": 1.8 }""", "no integer lies within")]
    [InlineData("""{ "type": "number", "minimum": 3, "exclusiveMaximum": 3 }""", "no number lies within")]
    [InlineData("""{ "type": "integer", "minimum": 1e300 }""", "no integer lies within")]
    [InlineData("""{ "type": "number", "exclusiveMinimum": 1e300 }""", "no number lies within")]
    [InlineData("""{ "type": "string", "minLength": -1 }""", "#/minLength: must be a non-negative integer")]
    [InlineData("""{ "type": "string", "pattern": 5 }""", "#/pattern: must be a string")]
    [InlineData("""{ "type": "object", "required": ["a"], "additionalProperties": false }""", "the property 'a' is required, but 'additionalProperties' does not allow it")]
    [InlineData("""{ "type": "object", "properties": { "a": false }, "required": ["a"] }""", "#/properties/a: the property 'a' is required, but its schema is false")]
    [InlineData("""{ "type": "string", "enum": [1, 2] }""", "no value of 'enum'/'const' has the schema's type")]
    [InlineData("""{ "const": 1, "enum": [2, 3] }""", "'const' is not among the values of 'enum'")]
    [InlineData("""{ "anyOf": [false, false] }""", "every alternative of 'anyOf' is false")]
    [InlineData("""{ "anyOf": [] }""", "#/anyOf: must not be empty")]
    public void FromSchema_Unsatisfiable_Throws(string schema, string message)
    {
        var error = Assert.Throws<JsonSchemaGrammarException>(() => JsonSchemaGrammar.FromSchema(schema));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "allOf": [{ "type": "string" }, { "type": "integer" }] }""", "allOf combines types with nothing in common")]
    [InlineData("""{ "allOf": [{ "pattern": "a" }, { "pattern": "b" }] }""", "allOf combines different values of 'pattern'")]
    [InlineData("""{ "allOf": [{ "anyOf": [{ "type": "null" }] }, { "anyOf": [{ "type": "string" }] }] }""", "allOf combines different values of 'anyOf'")]
    [InlineData("""{ "allOf": [{ "enum": [1, 2] }, { "enum": [3] }] }""", "allOf combines enums with no value in common")]
    [InlineData("""{ "allOf": [{ "properties": { "a": {} }, "required": ["a"] }, { "properties": { "b": {} }, "additionalProperties": false }] }""", "allOf requires the property 'a', which one of its schemas does not allow")]
    [InlineData("""{ "allOf": [true, false] }""", "allOf includes the schema false")]
    public void FromSchema_AllOfThatCannotMerge_Throws(string schema, string message)
    {
        var error = Assert.Throws<JsonSchemaGrammarException>(() => JsonSchemaGrammar.FromSchema(schema));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "type": "string", "pattern": "^a+$", "maxLength": 3 }""", "'pattern' together with 'minLength'/'maxLength' is not supported")]
    [InlineData("""{ "type": "string", "format": "date", "minLength": 10 }""", "'format': 'date' together with 'minLength'/'maxLength'")]
    public void FromSchema_CombinedStringConstraints_Throws(string schema, string message)
    {
        var error = Assert.Throws<JsonSchemaGrammarException>(() => JsonSchemaGrammar.FromSchema(schema));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSchema_ConstraintsThatAlwaysHold_Accepted()
    {
        JsonSchemaGrammar.FromSchema("""{ "type": "object", "properties": { "a": {}, "b": {} }, "required": ["a"], "minProperties": 1, "maxProperties": 2 }""");
        JsonSchemaGrammar.FromSchema("""{ "type": "array", "uniqueItems": true, "maxItems": 1 }""");
        JsonSchemaGrammar.FromSchema("""{ "type": "array", "uniqueItems": false }""");
        JsonSchemaGrammar.FromSchema("""{ "type": "number", "minimum": -1e300, "exclusiveMaximum": 1e300 }""");
    }
}
