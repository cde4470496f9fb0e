using System.Text.Json;
using Oprel.Worker.Grammar;

namespace Oprel.Worker.Tests.Grammar;

/// <summary>
/// The generated grammars in llama.cpp's own grammar engine: it parses every one, and lets through exactly the JSON
/// texts the schema allows (within the bounded whitespace), fed character by character as a model would write them.
/// </summary>
public sealed class JsonSchemaGrammarEnforcementTests(TinyGrammarFixture tiny) : IClassFixture<TinyGrammarFixture>
{
    [Theory]
    [MemberData(nameof(SchemaCorpus.All), MemberType = typeof(SchemaCorpus))]
    public void FromSchema_AnySchema_LlamaCppParsesTheGrammar(string schema)
    {
        var grammar = JsonSchemaGrammar.FromSchema(schema);

        Assert.True(tiny.Probe.Parses(grammar), grammar);
    }

    [Fact]
    public void AnyJsonObject_LlamaCpp_AcceptsObjectsOnly()
    {
        AssertEnforced(
            JsonSchemaGrammar.AnyJsonObject,
            ["{}", "{ }", """{"a":1,"b":[true,null,{"c":"d"}],"e":-1.5e3}""", "{\n  \"nested\": { \"x\": [] }\n}"],
            ["[]", "1", "\"text\"", "null", "{", """{"a":}""", """{"a":1,}""", """{a:1}""", """{"a":01}""", """{"a":1} {}"""]);
    }

    [Fact]
    public void FromSchema_RequiredAndOptional_OrderAndPresenceEnforced()
    {
        AssertEnforced(
            SchemaCorpus.Person,
            [
                """{"name":"Ann","age":30,"role":"admin"}""",
                """{"name":"Ann","age":0,"role":"user","tags":["a","b"]}""",
                """{"name":"Ann","age":150,"role":"guest","nick":null}""",
                """{"name":"Ann","age":7,"role":"guest","tags":["x"],"nick":"bee"}""",
                "{ \"name\" : \"A\" ,\n  \"age\": 1,\n\t\"role\":\"user\" }",
            ],
            [
                """{"name":"Ann","age":30}""",
                """{"age":30,"name":"Ann","role":"admin"}""",
                """{"name":"Ann","age":30,"role":"root"}""",
                """{"name":"Ann","age":151,"role":"user"}""",
                """{"name":"Ann","age":-1,"role":"user"}""",
                """{"name":"Ann","age":"30","role":"user"}""",
                """{"name":"","age":30,"role":"user"}""",
                """{"name":"Ann","age":30,"role":"user","nick":null,"tags":["a"]}""",
                """{"name":"Ann","age":30,"role":"user","tags":[]}""",
                """{"name":"Ann","age":30,"role":"user","tags":["a","b","c","d"]}""",
                """{"name":"Ann","age":30,"role":"user","extra":1}""",
                """{"name":"Ann","age":30,"role":"user",}""",
                """{"name":"Ann","age":30,"role":"user","nick":"toolongnick"}""",
            ]);
    }

    [Fact]
    public void FromSchema_NoRequiredProperties_AnySubsetInOrder()
    {
        AssertEnforced(
            """{ "type": "object", "properties": { "a": { "type": "integer" }, "b": { "type": "boolean" }, "c": { "type": "null" } } }""",
            ["{}", """{"a":1}""", """{"b":true}""", """{"c":null}""", """{"a":1,"c":null}""", """{"a":1,"b":false,"c":null}"""],
            ["""{"b":true,"a":1}""", """{"a":1,"a":2}""", """{,"a":1}""", """{"a":1,}""", """{"d":1}"""]);
    }

    [Fact]
    public void FromSchema_AdditionalPropertiesSchema_ExtraKeysTypedAndNeverDeclaredNames()
    {
        AssertEnforced(
            """{ "type": "object", "properties": { "id": { "type": "integer" }, "is": { "type": "boolean" } }, "required": ["id"], "additionalProperties": { "type": "string" } }""",
            ["""{"id":1}""", """{"id":1,"is":true}""", """{"id":1,"x":"y"}""", """{"id":1,"is":false,"i":"1","ids":"2","":"3","xyz":"4"}"""],
            ["""{"id":1,"x":2}""", """{"id":1,"id":"2"}""", """{"id":1,"is":true,"is":"x"}""", """{"x":"y","id":1}"""]);
    }

    [Fact]
    public void FromSchema_Map_AnyKeysWithTypedValues()
    {
        AssertEnforced(
            """{ "type": "object", "additionalProperties": { "type": "integer" } }""",
            ["{}", """{"a":1}""", """{"a":1,"b":-2,"a b":3}"""],
            ["""{"a":"1"}""", """{"a":1.5}""", "[]"]);
    }

    [Fact]
    public void FromSchema_EmptyObjects_OnlyWhatIsAllowed()
    {
        AssertEnforced("""{ "type": "object", "additionalProperties": false }""", ["{}", "{ }"], ["""{"a":1}""", "[]"]);
        AssertEnforced("""{ "type": "object" }""", ["{}", """{"a":[1,{"b":null}]}"""], ["[]", "\"{}\""]);
    }

    [Fact]
    public void FromSchema_Whitespace_BoundedBetweenTokens()
    {
        var tabs = new string('\t', 20);
        AssertEnforced(
            """{ "type": "object", "properties": { "a": { "type": "integer" } }, "required": ["a"] }""",
            ["{\"a\":1}", "{ \"a\" : 1 } ", "{\n" + tabs + "\"a\":1\n}", "{\n   \"a\": 1\n}\n"],
            ["{\n" + tabs + "\t\"a\":1}", "{\n\n\"a\":1}", "{  \"a\":1}", "{\"a\":1}  ", " {\"a\":1}", "{\r\n\"a\":1}"]);
    }

    [Fact]
    public void FromSchema_StringCharacters_EscapesAllowedRawControlsNot()
    {
        AssertEnforced(
            """{ "type": "string" }""",
            ["\"\"", "\"plain text\"", "\"q\\\"b\\\\s\\/n\\n\\t\\r\\b\\f\"", "\"\\u00e9\\u4E2D\\uFFFD\"", "\"é中😀\""],
            ["\"a\tb\"", "\"a\nb\"", "\"\\x41\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\u12\"", "\"a\"b\"", "\"unterminated", "'single'"]);
    }

    [Fact]
    public void FromSchema_StringLengths_CountCharactersNotEscapeBytes()
    {
        AssertEnforced(
            """{ "type": "string", "minLength": 2, "maxLength": 4 }""",
            ["\"ab\"", "\"abcd\"", "\"\\n\\u0041\"", "\"é中😀\""],
            ["\"a\"", "\"abcde\"", "\"\\n\"", "\"\""]);
    }

    [Fact]
    public void FromSchema_LongString_SplitRepetitionCountsExactly()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "string", "minLength": 1500, "maxLength": 2600 }""");

        Assert.True(tiny.Probe.Parses(grammar));
        Assert.True(tiny.Probe.Accepts(grammar, Quoted(1500)));
        Assert.True(tiny.Probe.Accepts(grammar, Quoted(1999)));
        Assert.True(tiny.Probe.Accepts(grammar, Quoted(2000)));
        Assert.True(tiny.Probe.Accepts(grammar, Quoted(2600)));
        Assert.False(tiny.Probe.Accepts(grammar, Quoted(1499)));
        Assert.False(tiny.Probe.Accepts(grammar, Quoted(2601)));

        static string Quoted(int length) => "\"" + new string('x', length) + "\"";
    }

    [Fact]
    public void FromSchema_HugeCounts_ExactAtTheBounds()
    {
        var text = JsonSchemaGrammar.FromSchema("""{ "type": "string", "maxLength": 1002003 }""");
        var list = JsonSchemaGrammar.FromSchema("""{ "type": "array", "items": { "type": "integer" }, "minItems": 1001, "maxItems": 2003 }""");

        Assert.True(tiny.Probe.Accepts(text, "\"" + new string('y', 4321) + "\""));
        Assert.True(tiny.Probe.Accepts(list, Numbers(1001)));
        Assert.True(tiny.Probe.Accepts(list, Numbers(2003)));
        Assert.False(tiny.Probe.Accepts(list, Numbers(1000)));
        Assert.False(tiny.Probe.Accepts(list, Numbers(2004)));

        static string Numbers(int count) => "[" + string.Join(",", Enumerable.Repeat("7", count)) + "]";
    }

    [Fact]
    public void FromSchema_EnumAndConst_OnlyThoseValues()
    {
        AssertEnforced(
            """{ "enum": ["a", 1, 2.5, true, null, { "x": [1, "y"] }, []] }""",
            ["\"a\"", "1", "2.5", "true", "null", """{"x":[1,"y"]}""", "[]"],
            ["\"b\"", "2", "false", "{}", "[1]", """{"x":[1]}"""]);
        AssertEnforced(
            """{ "const": "fixed \"quoted\" \\ é" }""",
            ["\"fixed \\\"quoted\\\" \\\\ é\""],
            ["\"fixed\"", "\"fixed \\\"quoted\\\" \\\\ e\""]);
    }

    [Fact]
    public void FromSchema_ArrayBounds_CountEnforced()
    {
        AssertEnforced(
            """{ "type": "array", "items": { "type": "integer" }, "minItems": 2, "maxItems": 4 }""",
            ["[1,2]", "[1, 2, 3]", "[ 1 , 2 , 3 , 4 ]"],
            ["[]", "[1]", "[1,2,3,4,5]", "[1,\"2\"]", "[1,2,]", "[,1,2]"]);
        AssertEnforced(
            """{ "type": "array", "items": { "type": "boolean" } }""",
            ["[]", "[true]", "[true,false,true,false,true,false]"],
            ["[null]", "[true,]"]);
    }

    [Fact]
    public void FromSchema_Tuple_ItemsInPositionThenRest()
    {
        AssertEnforced(
            """{ "type": "array", "prefixItems": [{ "type": "string" }, { "type": "integer" }], "items": { "type": "null" }, "maxItems": 3 }""",
            ["[\"a\",1]", "[\"a\",1,null]"],
            ["[\"a\"]", "[1,\"a\"]", "[\"a\",1,2]", "[\"a\",1,null,null]"]);
        AssertEnforced(
            """{ "type": "array", "prefixItems": [{ "type": "boolean" }], "items": false }""",
            ["[true]"],
            ["[]", "[true,false]"]);
    }

    [Fact]
    public void FromSchema_Formats_ValidValuesOnly()
    {
        AssertEnforced(
            """{ "type": "string", "format": "date" }""",
            ["\"2024-01-31\"", "\"1999-12-31\"", "\"0001-01-01\"", "\"2023-02-28\"", "\"2023-04-30\""],
            ["\"2024-13-01\"", "\"2024-00-10\"", "\"0000-01-01\"", "\"2024-02-30\"", "\"2024-04-31\"", "\"24-01-01\"", "\"2024-1-1\"", "\"2024-01-01T00:00:00Z\""]);
        AssertEnforced(
            """{ "type": "string", "format": "time" }""",
            ["\"23:59:59Z\"", "\"00:00:00.123+05:30\"", "\"12:30:00-08:00\"", "\"12:30:00+14:00\"", "\"12:30:00+05:45\""],
            ["\"24:00:00Z\"", "\"12:60:00Z\"", "\"12:00:00+20:00\"", "\"12:00:00+14:30\"", "\"12:00:00+01:07\"", "\"12:30:00\"", "\"12:30Z\""]);
        AssertEnforced(
            """{ "type": "string", "format": "date-time" }""",
            ["\"2024-05-06T07:08:09Z\"", "\"2024-05-06T07:08:09.5+01:00\""],
            ["\"2024-05-06 07:08:09Z\"", "\"2024-05-06T07:08:09\"", "\"2024-05-06\""]);
        AssertEnforced(
            """{ "type": "string", "format": "uuid" }""",
            ["\"123e4567-e89b-12d3-a456-426614174000\"", "\"ABCDEF00-0000-0000-0000-000000000000\""],
            ["\"123e4567e89b12d3a456426614174000\"", "\"123e4567-e89b-12d3-a456-42661417400\"", "\"g23e4567-e89b-12d3-a456-426614174000\""]);
        AssertEnforced(
            """{ "type": "string", "format": "email" }""",
            ["\"ann@example.com\"", "\"a.b+c@mail.example.org\"", "\"x_1@a-b.io\""],
            ["\"ann\"", "\"ann@\"", "\"@example.com\"", "\"ann@example\"", "\"a..b@example.com\"", "\"ann@-x.com\""]);
        AssertEnforced(
            """{ "type": "string", "format": "ipv4" }""",
            ["\"0.0.0.0\"", "\"192.168.1.255\"", "\"10.20.30.40\""],
            ["\"256.1.1.1\"", "\"1.2.3\"", "\"01.2.3.4\"", "\"1.2.3.4.5\""]);
    }

    [Fact]
    public void FromSchema_Pattern_FullMatchOfTheRegex()
    {
        AssertEnforced(
            """{ "type": "string", "pattern": "^[A-Z]{2}-\\d{3,5}(x|yz)?$" }""",
            ["\"AB-123\"", "\"ZZ-12345x\"", "\"QQ-9999yz\""],
            ["\"A-123\"", "\"AB-12\"", "\"AB-123456\"", "\"ab-123\"", "\"AB-123y\"", "\"xAB-123\"", "\"AB-123xx\""]);
        AssertEnforced(
            """{ "type": "string", "pattern": "^(\\+\\d{1,3} )?\\(?\\d{3}\\)?[ .-]?\\d{3}[ .-]?\\d{4}$" }""",
            ["\"555-123-4567\"", "\"(555) 123 4567\"", "\"+1 5551234567\""],
            ["\"555-1234\"", "\"+12345 555-123-4567\"", "\"555_123_4567\""]);
    }

    [Fact]
    public void FromSchema_PatternWithSpecialCharacters_JsonEscapesInOutput()
    {
        AssertEnforced(
            """{ "type": "string", "pattern": "^a\"b\\\\c\\td[^x]\\s$" }""",
            ["\"a\\\"b\\\\c\\tdy \"", "\"a\\\"b\\\\c\\td\\\"\\n\"", "\"a\\\"b\\\\c\\td\\u0001\\t\""],
            ["\"a\"b\\\\c\\tdy \"", "\"a\\\"b\\\\c\\tdx \"", "\"a\\\"b\\\\c\tdy \"", "\"a\\\"b\\\\c\\tdyy\""]);
        AssertEnforced(
            """{ "type": "string", "pattern": "^.+$" }""",
            ["\"any thing é\"", "\"quote \\\" backslash \\\\\""],
            ["\"\"", "\"line\\nbreak\""]);
    }

    [Fact]
    public void FromSchema_IntegerRange_BoundsInclusiveAndExclusive()
    {
        AssertEnforced(
            """{ "type": "integer", "exclusiveMinimum": -3, "maximum": 12 }""",
            ["-2", "-1", "0", "9", "10", "12"],
            ["-3", "-4", "13", "100", "1.0", "-0", "012", "1e1"]);
    }

    [Fact]
    public void FromSchema_NumberRange_DecimalsWithinBounds()
    {
        AssertEnforced(
            """{ "type": "number", "minimum": -2.5, "maximum": 3.25 }""",
            ["-2.5", "-2.49", "-2", "-0.0001", "0", "0.5", "3", "3.2", "3.25", "3.2499999", "1.1234567890123456", "-0"],
            ["-2.51", "-3", "3.26", "3.3", "4", "1e0", "1.", ".5", "00.5"]);
        AssertEnforced(
            """{ "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1 }""",
            ["0.5", "0.0001", "0.9999"],
            ["0", "1", "0.0", "1.0", "-0.5"]);
    }

    [Fact]
    public void FromSchema_UnboundedNumbers_JsonNumberShape()
    {
        AssertEnforced(
            """{ "type": "number" }""",
            ["0", "-0", "12", "-3.25", "1e10", "2.5E-3", "1234567890123456"],
            ["01", "+1", ".5", "1.", "1e", "NaN", "Infinity", "12345678901234567", "1e1234"]);
        AssertEnforced("""{ "type": "integer" }""", ["0", "-17", "42"], ["1.5", "1e2", "--1"]);
    }

    [Fact]
    public void FromSchema_TypeArrayAndNullable_EitherType()
    {
        AssertEnforced("""{ "type": ["integer", "string", "null"] }""", ["1", "\"a\"", "null"], ["true", "1.5", "[]"]);
        AssertEnforced("""{ "type": "boolean", "nullable": true }""", ["true", "null"], ["\"true\"", "0"]);
    }

    [Fact]
    public void FromSchema_AnyOfAndOneOf_AnyAlternative()
    {
        AssertEnforced(
            """{ "anyOf": [{ "type": "string", "maxLength": 3 }, { "type": "integer", "minimum": 0 }] }""",
            ["\"abc\"", "0", "77"],
            ["\"abcd\"", "-1", "null"]);
        AssertEnforced(
            """{ "type": "object", "properties": { "a": { "type": "integer" }, "b": { "type": "integer" } }, "anyOf": [{ "required": ["a"] }, { "required": ["b"] }] }""",
            ["""{"a":1}""", """{"b":2}""", """{"a":1,"b":2}""", """{"b":2,"a":1}"""],
            ["{}", """{"a":"1"}"""]);
    }

    [Fact]
    public void FromSchema_AllOf_BothSchemasHold()
    {
        AssertEnforced(
            """{ "allOf": [{ "type": "object", "properties": { "a": { "type": "string" } }, "required": ["a"], "additionalProperties": false }, { "properties": { "a": { "maxLength": 2 }, "b": { "type": "integer" } } }] }""",
            ["""{"a":"xy"}"""],
            ["""{"a":"xyz"}""", """{"a":"x","b":1}""", "{}"]);
    }

    [Fact]
    public void FromSchema_RecursiveRefs_NestedValues()
    {
        AssertEnforced(
            SchemaCorpus.Tree,
            ["""{"value":1}""", """{"value":1,"children":[]}""", """{"value":1,"children":[{"value":2,"children":[{"value":-3}]},{"value":4}]}"""],
            ["""{"children":[]}""", """{"value":1,"children":[{}]}""", """{"value":1,"children":[{"value":1},{"value":2},{"value":3}]}""", """{"value":10}"""]);
        AssertEnforced(
            """{ "$defs": { "list": { "anyOf": [{ "type": "null" }, { "type": "object", "properties": { "head": { "type": "integer" }, "tail": { "$ref": "#/$defs/list" } }, "required": ["head", "tail"] }] } }, "$ref": "#/$defs/list" }""",
            ["null", """{"head":1,"tail":null}""", """{"head":1,"tail":{"head":2,"tail":null}}"""],
            ["""{"head":1}""", """{"head":1,"tail":{"head":2}}"""]);
    }

    [Fact]
    public void FromSchema_AnythingSchema_EveryJsonValue()
    {
        AssertEnforced(
            "{}",
            ["1", "-2.5e3", "\"s\"", "true", "false", "null", "[]", "{}", """[{"a":[null,{"b":"c"}]},2]"""],
            ["", "undefined", "[1,]", "{\"a\"}", "'x'"]);
    }

    [Fact]
    public void FromSchema_EscapedPropertyNames_WrittenAsJsonStrings()
    {
        AssertEnforced(
            """{ "type": "object", "properties": { "say \"hi\"": { "type": "integer" }, "é": { "type": "boolean" } }, "required": ["say \"hi\"", "é"] }""",
            ["""{"say \"hi\"":1,"é":true}"""],
            ["""{"say "hi"":1,"é":true}""", """{"say \"hi\"":1}"""]);
    }

    private void AssertEnforced(string schema, IEnumerable<string> valid, IEnumerable<string> invalid)
    {
        var grammar = schema.Contains(" ::= ", StringComparison.Ordinal) ? schema : JsonSchemaGrammar.FromSchema(schema);
        Assert.True(tiny.Probe.Parses(grammar), grammar);
        foreach (var text in valid)
        {
            using (JsonDocument.Parse(text))
            {
                Assert.True(tiny.Probe.Accepts(grammar, text), $"The grammar rejects {text}\n{grammar}");
            }
        }

        foreach (var text in invalid)
        {
            Assert.False(tiny.Probe.Accepts(grammar, text), $"The grammar accepts {text}\n{grammar}");
        }
    }
}
