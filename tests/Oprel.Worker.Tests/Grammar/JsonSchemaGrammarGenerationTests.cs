using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Oprel.Worker.Grammar;

namespace Oprel.Worker.Tests.Grammar;

/// <summary>
/// Constrained generation with the tiny model: whatever the model would rather say, sampling under the grammar ends
/// on its own with JSON that parses and validates against the schema.
/// </summary>
public sealed partial class JsonSchemaGrammarGenerationTests(TinyGrammarFixture tiny) : IClassFixture<TinyGrammarFixture>
{
    private const string Prompt = "<|im_start|>user\nTell me about the fox, as JSON.<|im_end|>\n<|im_start|>assistant\n";

    /// <summary>Far above what any of these bounded schemas can produce, so only a grammar that fails to end reaches it.</summary>
    private const int TokenCap = 3000;

    [Theory]
    [InlineData(0f, 1u)]
    [InlineData(0.7f, 1u)]
    [InlineData(0.7f, 2u)]
    [InlineData(1.3f, 3u)]
    [InlineData(1.3f, 4u)]
    public void Generate_PersonSchema_EndsWithJsonThatValidates(float temperature, uint seed)
    {
        var root = GenerateJson(SchemaCorpus.Person, temperature, seed);

        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["name", "age", "role"], names.Take(3));
        Assert.Subset(new HashSet<string> { "name", "age", "role", "tags", "nick" }, names.ToHashSet());
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.InRange(CodePoints(root.GetProperty("name").GetString()!), 1, 12);
        Assert.InRange(root.GetProperty("age").GetInt32(), 0, 150);
        Assert.Contains(root.GetProperty("role").GetString(), (string[])["admin", "user", "guest"]);
        if (root.TryGetProperty("tags", out var tags))
        {
            Assert.InRange(tags.GetArrayLength(), 1, 3);
            Assert.All(tags.EnumerateArray(), tag => Assert.InRange(CodePoints(tag.GetString()!), 0, 6));
        }

        if (root.TryGetProperty("nick", out var nick) && nick.ValueKind != JsonValueKind.Null)
        {
            Assert.InRange(CodePoints(nick.GetString()!), 0, 8);
        }
    }

    [Theory]
    [InlineData(0f, 1u)]
    [InlineData(0.8f, 5u)]
    [InlineData(1.5f, 6u)]
    public void Generate_EnumsConstsAndRanges_OnlyAllowedValues(float temperature, uint seed)
    {
        const string Schema = """
            {
              "type": "object",
              "properties": {
                "kind": { "const": "fox" },
                "color": { "enum": ["red", "grey", "white"] },
                "legs": { "type": "integer", "minimum": 2, "maximum": 4 },
                "weight": { "type": "number", "minimum": 0.5, "maximum": 9.5 },
                "wild": { "type": "boolean" },
                "friend": { "type": ["string", "null"], "maxLength": 10 }
              },
              "required": ["kind", "color", "legs", "weight", "wild", "friend"],
              "additionalProperties": false
            }
            """;

        var root = GenerateJson(Schema, temperature, seed);

        Assert.Equal(6, root.EnumerateObject().Count());
        Assert.Equal("fox", root.GetProperty("kind").GetString());
        Assert.Contains(root.GetProperty("color").GetString(), (string[])["red", "grey", "white"]);
        Assert.InRange(root.GetProperty("legs").GetInt32(), 2, 4);
        Assert.InRange(root.GetProperty("weight").GetDecimal(), 0.5m, 9.5m);
        Assert.Contains(root.GetProperty("wild").ValueKind, (JsonValueKind[])[JsonValueKind.True, JsonValueKind.False]);
        var friend = root.GetProperty("friend");
        Assert.True(friend.ValueKind == JsonValueKind.Null || CodePoints(friend.GetString()!) <= 10);
    }

    [Theory]
    [InlineData(0f, 1u)]
    [InlineData(0.9f, 7u)]
    [InlineData(1.5f, 8u)]
    public void Generate_TupleOfFormats_ParsesAsThoseFormats(float temperature, uint seed)
    {
        const string Schema = """
            {
              "type": "array",
              "prefixItems": [
                { "type": "string", "format": "date-time" },
                { "type": "string", "format": "uuid" },
                { "type": "string", "format": "email" },
                { "type": "string", "pattern": "^[A-Z]{2}-\\d{3}(-[a-z]+)?$" }
              ],
              "items": { "type": "integer", "minimum": -50, "maximum": 50 },
              "maxItems": 6
            }
            """;

        var items = GenerateJson(Schema, temperature, seed).EnumerateArray().ToList();

        Assert.InRange(items.Count, 4, 6);
        Assert.True(DateTimeOffset.TryParse(items[0].GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _), items[0].GetString());
        Assert.True(Guid.TryParse(items[1].GetString(), out _), items[1].GetString());
        Assert.Matches(EmailShape(), items[2].GetString());
        Assert.Matches(CodeShape(), items[3].GetString());
        Assert.All(items.Skip(4), item => Assert.InRange(item.GetInt32(), -50, 50));
    }

    [Fact]
    public void Generate_RecursiveSchema_NestedNodesValidate()
    {
        var root = GenerateJson(SchemaCorpus.Tree, 0f, 1u);

        AssertNode(root);

        static void AssertNode(JsonElement node)
        {
            Assert.InRange(node.GetProperty("value").GetInt32(), -9, 9);
            Assert.All(node.EnumerateObject(), p => Assert.Contains(p.Name, (string[])["value", "children"]));
            if (node.TryGetProperty("children", out var children))
            {
                Assert.InRange(children.GetArrayLength(), 0, 2);
                foreach (var child in children.EnumerateArray())
                {
                    AssertNode(child);
                }
            }
        }
    }

    [Fact]
    public void Generate_ManyFieldsGreedy_WhitespaceBoundedSoOutputEnds()
    {
        // Greedy decoding of the tiny model takes the longest whitespace the grammar offers at every gap: the bound
        // is what ends the object.
        var properties = string.Join(", ", Enumerable.Range(1, 12).Select(i => $$"""
            "field{{i}}": { "type": "boolean" }
            """));
        var required = string.Join(", ", Enumerable.Range(1, 12).Select(i => $"\"field{i}\""));
        var schema = $$"""{ "type": "object", "properties": { {{properties}} }, "required": [{{required}}] }""";

        var result = Generate(schema, 0f, 1u);

        Assert.True(result.EndedByGrammar, $"Did not end within {TokenCap} tokens: {result.Text}");
        Assert.Contains("\n" + new string('\t', JsonPrimitiveRules.MaxIndent), result.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(LongWhitespace(), result.Text);
        using var document = JsonDocument.Parse(result.Text);
        Assert.Equal(12, document.RootElement.EnumerateObject().Count());
    }

    [Theory]
    [InlineData(0.8f, 11u)]
    [InlineData(0.8f, 12u)]
    [InlineData(1.2f, 13u)]
    public void Generate_AnyJsonObject_ObjectWhenItEnds(float temperature, uint seed)
    {
        var result = tiny.Probe.Generate(JsonSchemaGrammar.AnyJsonObject, Prompt, 400, temperature, seed);

        Assert.StartsWith("{", result.Text, StringComparison.Ordinal);
        if (result.EndedByGrammar)
        {
            using var document = JsonDocument.Parse(result.Text);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }
    }

    private JsonElement GenerateJson(string schema, float temperature, uint seed)
    {
        var result = Generate(schema, temperature, seed);
        Assert.True(result.EndedByGrammar, $"Did not end within {TokenCap} tokens: {result.Text}");
        using var document = JsonDocument.Parse(result.Text);
        return document.RootElement.Clone();
    }

    private GrammarGeneration Generate(string schema, float temperature, uint seed) =>
        tiny.Probe.Generate(JsonSchemaGrammar.FromSchema(schema), Prompt, TokenCap, temperature, seed);

    private static int CodePoints(string text) => text.EnumerateRunes().Count();

    [GeneratedRegex(@"^[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^[A-Z]{2}-\d{3}(-[a-z]+)?$")]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"\s{22,}")]
    private static partial Regex LongWhitespace();
}
