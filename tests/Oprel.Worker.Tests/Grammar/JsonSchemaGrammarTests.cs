using Oprel.Worker.Grammar;

namespace Oprel.Worker.Tests.Grammar;

/// <summary>The shape of the grammars <see cref="JsonSchemaGrammar"/> writes, feature by feature.</summary>
public sealed class JsonSchemaGrammarTests
{
    [Theory]
    [MemberData(nameof(SchemaCorpus.All), MemberType = typeof(SchemaCorpus))]
    public void FromSchema_AnySchema_RootFirstAndEveryReferencedRuleDefined(string schema)
    {
        var grammar = JsonSchemaGrammar.FromSchema(schema);

        Assert.StartsWith("root ::= ", grammar, StringComparison.Ordinal);
        var rules = GrammarText.Rules(grammar);
        foreach (var (name, body) in rules)
        {
            Assert.All(GrammarText.References(body), reference => Assert.True(rules.ContainsKey(reference), $"{name} refers to undefined {reference}"));
        }
    }

    [Theory]
    [MemberData(nameof(SchemaCorpus.All), MemberType = typeof(SchemaCorpus))]
    public void FromSchema_AnySchema_RepetitionsStayUnderLlamaCppLimit(string schema)
    {
        Assert.InRange(GrammarText.LargestRepetition(JsonSchemaGrammar.FromSchema(schema)), 0, GbnfRuleSet.MaxRepetition);
    }

    [Fact]
    public void FromSchema_Whitespace_IsOptionalAndBounded()
    {
        var grammar = JsonSchemaGrammar.FromSchema(SchemaCorpus.Person);

        Assert.Equal("| \" \" | \"\\n\" [ \\t]{0,20}", GrammarText.Rule(grammar, "space"));
    }

    [Fact]
    public void FromSchema_StringCharacters_AnythingButQuoteBackslashAndControlsOrAnEscape()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "string" }""");

        Assert.Equal("string", GrammarText.Rule(grammar, "root"));
        Assert.Equal("\"\\\"\" char* \"\\\"\" space", GrammarText.Rule(grammar, "string"));
        Assert.Equal("[^\"\\\\\\x00-\\x1F\\x7F] | \"\\\\\" ( [\"\\\\/bfnrt] | \"u\" unicode-escape )", GrammarText.Rule(grammar, "char"));
    }

    [Fact]
    public void FromSchema_RequiredAndOptionalProperties_RequiredInOrderThenOptionalOnceEach()
    {
        var grammar = JsonSchemaGrammar.FromSchema(SchemaCorpus.Person);

        Assert.Equal(
            "\"{\" space root-name-kv \",\" space root-age-kv \",\" space root-role-kv ( \",\" space root-tags-kv )? ( \",\" space root-nick-kv )? \"}\" space",
            GrammarText.Rule(grammar, "root"));
        Assert.Equal("\"\\\"name\\\"\" space \":\" space root-name", GrammarText.Rule(grammar, "root-name-kv"));
    }

    [Fact]
    public void FromSchema_RequiredOutOfPropertyOrder_FollowsPropertyOrder()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""
            { "type": "object", "properties": { "a": { "type": "null" }, "b": { "type": "null" } }, "required": ["b", "a"] }
            """);

        Assert.Equal("\"{\" space root-a-kv \",\" space root-b-kv \"}\" space", GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void FromSchema_NoRequiredProperties_FirstPresentPropertyHasNoComma()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""
            { "type": "object", "properties": { "a": { "type": "null" }, "b": { "type": "null" }, "c": { "type": "null" } } }
            """);

        Assert.Equal("\"{\" space root-members? \"}\" space", GrammarText.Rule(grammar, "root"));
        Assert.Equal(
            "root-a-kv ( \",\" space root-b-kv )? ( \",\" space root-c-kv )? | root-b-kv ( \",\" space root-c-kv )? | root-c-kv",
            GrammarText.Rule(grammar, "root-members"));
    }

    [Fact]
    public void FromSchema_AdditionalPropertiesSchema_ExtraKeysAfterDeclaredOnesNeverADeclaredName()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""
            { "type": "object", "properties": { "id": { "type": "integer" } }, "required": ["id"], "additionalProperties": { "type": "boolean" } }
            """);

        Assert.Equal("\"{\" space root-id-kv ( \",\" space root-additional-kv )* \"}\" space", GrammarText.Rule(grammar, "root"));
        Assert.Equal("root-additional-key \":\" space boolean", GrammarText.Rule(grammar, "root-additional-kv"));
        var key = GrammarText.Rule(grammar, "root-additional-key");
        Assert.Contains("\"i\" ( ", key, StringComparison.Ordinal);
        Assert.Contains("\"d\" ( [", key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "type": "object" }""", "object")]
    [InlineData("""{ "type": "object", "additionalProperties": true }""", "object")]
    [InlineData("""{ "type": "object", "additionalProperties": false }""", "\"{\" space \"}\" space")]
    [InlineData("""{ "type": "object", "properties": {} }""", "\"{\" space \"}\" space")]
    public void FromSchema_ObjectWithoutProperties_AnyOrEmptyObject(string schema, string root)
    {
        Assert.Equal(root, GrammarText.Rule(JsonSchemaGrammar.FromSchema(schema), "root"));
    }

    [Fact]
    public void FromSchema_ObjectMap_KeysAreAnyString()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "object", "additionalProperties": { "type": "integer" } }""");

        Assert.Equal("\"{\" space root-members? \"}\" space", GrammarText.Rule(grammar, "root"));
        Assert.Equal("root-additional-kv ( \",\" space root-additional-kv )*", GrammarText.Rule(grammar, "root-members"));
        Assert.Equal("string \":\" space integer", GrammarText.Rule(grammar, "root-additional-kv"));
    }

    [Theory]
    [InlineData("""{ "type": "array", "items": { "type": "integer" }, "minItems": 2, "maxItems": 5 }""", "\"[\" space integer root-next{1,4} \"]\" space")]
    [InlineData("""{ "type": "array", "items": { "type": "integer" }, "minItems": 1 }""", "\"[\" space integer root-next* \"]\" space")]
    [InlineData("""{ "type": "array", "items": { "type": "integer" } }""", "\"[\" space root-items? \"]\" space")]
    public void FromSchema_ArrayBounds_CountedRepetitions(string schema, string root)
    {
        var grammar = JsonSchemaGrammar.FromSchema(schema);

        Assert.Equal(root, GrammarText.Rule(grammar, "root"));
        Assert.Equal("\",\" space integer", GrammarText.Rule(grammar, "root-next"));
    }

    [Theory]
    [InlineData("""{ "type": "array", "items": { "type": "integer" }, "maxItems": 0 }""")]
    [InlineData("""{ "type": "array", "items": false }""")]
    public void FromSchema_ArrayOfNoItems_OnlyEmptyArray(string schema)
    {
        Assert.Equal("\"[\" space \"]\" space", GrammarText.Rule(JsonSchemaGrammar.FromSchema(schema), "root"));
    }

    [Fact]
    public void FromSchema_PrefixItems_TupleThenRestItems()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""
            { "type": "array", "prefixItems": [{ "type": "string" }, { "type": "boolean" }], "items": { "type": "null" }, "maxItems": 4 }
            """);

        Assert.Equal("\"[\" space string \",\" space boolean root-next{0,2} \"]\" space", GrammarText.Rule(grammar, "root"));
        Assert.Equal("\",\" space null", GrammarText.Rule(grammar, "root-next"));
    }

    [Fact]
    public void FromSchema_StringLengths_CountedCharacters()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "string", "minLength": 2, "maxLength": 8 }""");

        Assert.Equal("\"\\\"\" char{2,8} \"\\\"\" space", GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void FromSchema_LongMaxLength_SplitIntoBlocks()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "string", "minLength": 1500, "maxLength": 2600 }""");

        Assert.Equal("\"\\\"\" root-chars-block char{500} root-chars-upto \"\\\"\" space", GrammarText.Rule(grammar, "root"));
        Assert.Equal("char{1000}", GrammarText.Rule(grammar, "root-chars-block"));
        Assert.Equal("char{0,999} | root-chars-block char{0,100}", GrammarText.Rule(grammar, "root-chars-upto"));
    }

    [Fact]
    public void FromSchema_HugeMaxLength_RulesGrowWithTheLogarithm()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "string", "maxLength": 2000000000 }""");

        Assert.InRange(GrammarText.Rules(grammar).Count, 5, 20);
        Assert.Equal("\"\\\"\" root-chars-upto \"\\\"\" space", GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void FromSchema_EnumOfAnyValues_CompactJsonLiterals()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "enum": ["red", 2, null, { "a": [true] }, "say \"hi\""] }""");

        Assert.Equal(
            "\"\\\"red\\\"\" space | \"2\" space | \"null\" space | \"{\\\"a\\\":[true]}\" space | \"\\\"say \\\\\\\"hi\\\\\\\"\\\"\" space",
            GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void FromSchema_EnumWithType_KeepsValuesOfThatType()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "integer", "enum": [1, 1.5, "1", 2] }""");

        Assert.Equal("\"1\" space | \"2\" space", GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void FromSchema_Const_OneLiteral()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "object", "properties": { "kind": { "const": "point" } }, "required": ["kind"] }""");

        Assert.Equal("\"\\\"point\\\"\" space", GrammarText.Rule(grammar, "root-kind"));
    }

    [Theory]
    [InlineData("date", "format-date")]
    [InlineData("time", "format-time")]
    [InlineData("date-time", "format-date-time")]
    [InlineData("uuid", "format-uuid")]
    [InlineData("email", "format-email")]
    [InlineData("ipv4", "format-ipv4")]
    public void FromSchema_KnownFormat_QuotedFormatRule(string format, string rule)
    {
        var grammar = JsonSchemaGrammar.FromSchema($$"""{ "type": "string", "format": "{{format}}" }""");

        Assert.Equal($"\"\\\"\" {rule} \"\\\"\" space", GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void FromSchema_UnknownFormat_PlainString()
    {
        Assert.Equal("string", GrammarText.Rule(JsonSchemaGrammar.FromSchema("""{ "type": "string", "format": "uri" }"""), "root"));
    }

    [Fact]
    public void FromSchema_IntegerBounds_DigitRanges()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "integer", "minimum": -20, "maximum": 150 }""");

        Assert.Equal(
            "( [0-9] | [1-9] [0-9] | \"1\" [0-4] [0-9] | \"150\" | \"-\" ( [1-9] | \"1\" [0-9] | \"20\" ) ) space",
            GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void FromSchema_IntegerLowerBoundOnly_LongerNumbersShareOneAlternative()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "integer", "minimum": 0 }""");

        Assert.Equal("( [0-9] | [1-9] [0-9]{1,15} ) space", GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void FromSchema_NumberBetweenZeroAndOne_FractionOnlyBelowOne()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "number", "minimum": 0, "maximum": 1 }""");

        Assert.Equal("( \"0\" ( \".\" ( [0-9] [0-9]{0,15} ) )? | \"1\" ) space", GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void FromSchema_UnboundedNumbers_SharedRules()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "object", "properties": { "i": { "type": "integer" }, "n": { "type": "number" } } }""");

        Assert.Equal("\"-\"? integral-part space", GrammarText.Rule(grammar, "integer"));
        Assert.Equal("\"-\"? integral-part fraction-part? exponent-part? space", GrammarText.Rule(grammar, "number"));
        Assert.Equal("\"0\" | [1-9] [0-9]{0,15}", GrammarText.Rule(grammar, "integral-part"));
    }

    [Fact]
    public void FromSchema_TypeArray_AlternativesPerType()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": ["string", "null"] }""");

        Assert.Equal("string | null", GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void FromSchema_OpenApiNullable_AddsNull()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "boolean", "nullable": true }""");

        Assert.Equal("boolean | null", GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void FromSchema_AnyOf_AlternativesWithSiblingConstraintsMerged()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""
            { "type": "object", "properties": { "a": { "type": "integer" }, "b": { "type": "integer" } }, "anyOf": [{ "required": ["a"] }, { "required": ["b"] }] }
            """);

        Assert.Equal("root-0 | root-1", GrammarText.Rule(grammar, "root"));
        Assert.Equal("\"{\" space root-0-a-kv ( \",\" space root-0-b-kv )? \"}\" space", GrammarText.Rule(grammar, "root-0"));
        Assert.Equal("\"{\" space root-0-b-kv ( \",\" space root-0-a-kv )? \"}\" space", GrammarText.Rule(grammar, "root-1"));
    }

    [Fact]
    public void FromSchema_AllOfObjects_MergedIntoOne()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""
            { "allOf": [
                { "type": "object", "properties": { "a": { "type": "string" } }, "required": ["a"] },
                { "properties": { "b": { "type": "integer" } }, "required": ["b"] } ] }
            """);

        Assert.Equal("\"{\" space root-a-kv \",\" space root-b-kv \"}\" space", GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void FromSchema_RecursiveRef_RuleRefersToItself()
    {
        var grammar = JsonSchemaGrammar.FromSchema(SchemaCorpus.Tree);

        Assert.Equal("ref-node", GrammarText.Rule(grammar, "root"));
        Assert.Equal("\",\" space ref-node", GrammarText.Rule(grammar, "ref-node-children-next"));
    }

    [Fact]
    public void FromSchema_DefinitionsRef_SharedRuleForEveryUse()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""
            { "type": "object", "properties": { "from": { "$ref": "#/definitions/point" }, "to": { "$ref": "#/definitions/point" } },
              "required": ["from", "to"],
              "definitions": { "point": { "type": "array", "items": { "type": "number" }, "minItems": 2, "maxItems": 2 } } }
            """);

        Assert.Equal("\"\\\"from\\\"\" space \":\" space ref-point", GrammarText.Rule(grammar, "root-from-kv"));
        Assert.Equal("\"\\\"to\\\"\" space \":\" space ref-point", GrammarText.Rule(grammar, "root-to-kv"));
    }

    [Fact]
    public void FromSchema_SameSubschemaTwice_OneRule()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""
            { "type": "object", "properties": { "a": { "enum": ["x", "y"] }, "b": { "enum": ["x", "y"] } }, "required": ["a", "b"] }
            """);

        Assert.Equal("\"\\\"b\\\"\" space \":\" space root-a", GrammarText.Rule(grammar, "root-b-kv"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("true")]
    [InlineData("""{ "description": "anything" }""")]
    public void FromSchema_AnythingSchema_AnyJsonValue(string schema)
    {
        var grammar = JsonSchemaGrammar.FromSchema(schema);

        Assert.Equal("value", GrammarText.Rule(grammar, "root"));
        Assert.Equal("object | array | string | number | boolean | null", GrammarText.Rule(grammar, "value"));
    }

    [Fact]
    public void FromSchema_Pattern_StringBodyFromRegex()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "string", "pattern": "^[A-Z]{2}-\\d{3,5}(x|yz)?$" }""");

        Assert.Equal("\"\\\"\" [A-Z]{2} \"-\" [0-9]{3,5} root-pattern-part? \"\\\"\" space", GrammarText.Rule(grammar, "root"));
        Assert.Equal("( \"x\" | \"yz\" )", GrammarText.Rule(grammar, "root-pattern-part"));
    }

    [Fact]
    public void FromSchema_PatternWithQuoteAndBackslash_WrittenAsJsonEscapes()
    {
        var grammar = JsonSchemaGrammar.FromSchema("""{ "type": "string", "pattern": "a\"b\\\\c\\n" }""");

        Assert.Equal("\"\\\"\" \"a\" \"\\\\\\\"\" \"b\" \"\\\\\\\\\" \"c\" \"\\\\n\" \"\\\"\" space", GrammarText.Rule(grammar, "root"));
    }

    [Fact]
    public void AnyJsonObject_Root_IsAnyObject()
    {
        var grammar = JsonSchemaGrammar.AnyJsonObject;

        Assert.Equal("object", GrammarText.Rule(grammar, "root"));
        Assert.Equal(
            "\"{\" space ( string \":\" space value ( \",\" space string \":\" space value )* )? \"}\" space",
            GrammarText.Rule(grammar, "object"));
    }
}
