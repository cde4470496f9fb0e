namespace Oprel.Worker.Tests.Grammar;

/// <summary>Schemas covering every supported feature, for checks that apply to all generated grammars.</summary>
internal static class SchemaCorpus
{
    public const string Person = """
        {
          "type": "object",
          "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 12 },
            "age": { "type": "integer", "minimum": 0, "maximum": 150 },
            "role": { "enum": ["admin", "user", "guest"] },
            "tags": { "type": "array", "items": { "type": "string", "maxLength": 6 }, "minItems": 1, "maxItems": 3 },
            "nick": { "type": ["string", "null"], "maxLength": 8 }
          },
          "required": ["name", "age", "role"],
          "additionalProperties": false
        }
        """;

    public const string Tree = """
        {
          "$ref": "#/$defs/node",
          "$defs": {
            "node": {
              "type": "object",
              "properties": {
                "value": { "type": "integer", "minimum": -9, "maximum": 9 },
                "children": { "type": "array", "items": { "$ref": "#/$defs/node" }, "maxItems": 2 }
              },
              "required": ["value"]
            }
          }
        }
        """;

    public static TheoryData<string> All => new(
        Person,
        Tree,
        "{}",
        "true",
        """{ "type": "object" }""",
        """{ "type": "object", "properties": {} }""",
        """{ "type": "object", "additionalProperties": false }""",
        """{ "type": "object", "additionalProperties": { "type": "number" } }""",
        """{ "type": "object", "properties": { "a": { "type": "boolean" }, "b": { "type": "null" } }, "additionalProperties": true }""",
        """{ "type": "object", "properties": { "a": {}, "b": { "type": "string" }, "c": { "type": "integer" } } }""",
        """{ "type": "array" }""",
        """{ "type": "array", "items": { "type": "integer" }, "minItems": 2, "maxItems": 4 }""",
        """{ "type": "array", "prefixItems": [{ "type": "string" }, { "type": "number" }], "items": false }""",
        """{ "type": "array", "items": [{ "type": "boolean" }], "additionalItems": { "type": "null" }, "maxItems": 3 }""",
        """{ "type": "string", "minLength": 3 }""",
        """{ "type": "string", "maxLength": 5000 }""",
        """{ "type": "string", "minLength": 2500, "maxLength": 4100 }""",
        """{ "type": "string", "maxLength": 2000000000 }""",
        """{ "type": "array", "items": { "type": "integer" }, "minItems": 1001, "maxItems": 1234567 }""",
        """{ "type": "string", "pattern": "^(\\+\\d{1,3} )?\\(?\\d{3}\\)?[ .-]?\\d{3}[ .-]?\\d{4}$" }""",
        """{ "type": "string", "pattern": "[^\"\\\\]{2,4}(ab|c)+?\\s\\S.\\w\\W\\D" }""",
        """{ "type": "string", "format": "date" }""",
        """{ "type": "string", "format": "time" }""",
        """{ "type": "string", "format": "date-time" }""",
        """{ "type": "string", "format": "uuid" }""",
        """{ "type": "string", "format": "email" }""",
        """{ "type": "string", "format": "ipv4" }""",
        """{ "type": "string", "format": "uri" }""",
        """{ "type": "integer" }""",
        """{ "type": "integer", "minimum": -1234567, "maximum": 98765432109 }""",
        """{ "type": "integer", "exclusiveMinimum": 0 }""",
        """{ "type": "integer", "maximum": -3 }""",
        """{ "type": "number" }""",
        """{ "type": "number", "minimum": 0, "maximum": 1 }""",
        """{ "type": "number", "exclusiveMinimum": -0.25, "exclusiveMaximum": 1e3 }""",
        """{ "type": "boolean" }""",
        """{ "type": "null" }""",
        """{ "type": ["integer", "string", "null"] }""",
        """{ "enum": ["a", 1, 2.5, true, null, { "x": [1, "y"] }, [] ] }""",
        """{ "const": "fixed \"quoted\" \\ value é 中" }""",
        """{ "anyOf": [{ "type": "string", "maxLength": 3 }, { "type": "integer", "minimum": 0 }] }""",
        """{ "oneOf": [{ "$ref": "#/definitions/a" }, { "type": "null" }], "definitions": { "a": { "type": "boolean" } } }""",
        """{ "type": "object", "properties": { "k": { "type": "string" } }, "anyOf": [{ "required": ["k"] }, { "properties": { "j": { "type": "integer" } }, "required": ["j"] }] }""",
        """{ "allOf": [{ "type": "object", "properties": { "a": { "type": "string" } }, "required": ["a"] }, { "properties": { "b": { "type": "integer" } }, "required": ["b"] }] }""",
        """{ "$defs": { "list": { "anyOf": [{ "type": "null" }, { "type": "object", "properties": { "head": { "type": "integer" }, "tail": { "$ref": "#/$defs/list" } }, "required": ["head", "tail"] }] } }, "$ref": "#/$defs/list" }""",
        """{ "type": "object", "properties": { "self": { "$ref": "#" } } }""",
        """{ "type": "string", "nullable": true }""",
        """{ "type": "object", "properties": { "weird key \"q\" ~/": { "type": "integer" }, "é": { "type": "boolean" } }, "required": ["weird key \"q\" ~/"], "additionalProperties": { "type": "string" } }""");
}
