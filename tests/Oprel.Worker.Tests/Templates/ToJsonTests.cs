namespace Oprel.Worker.Tests.Templates;

/// <summary>tojson as transformers defines it: Python's json.dumps with ensure_ascii off.</summary>
public sealed class ToJsonTests
{
    [Fact]
    public void ToJson_UsesPythonSeparators()
    {
        Assert.Equal("""{"a": 1, "b": [1, 2.5, "x", null, true]}""", TemplateRunner.Render("{{ {'a': 1, 'b': [1, 2.5, 'x', none, true]} | tojson }}"));
    }

    [Fact]
    public void ToJsonWithIndent_PutsOneItemALine()
    {
        Assert.Equal(
            "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2,\n    {\n      \"c\": \"d\"\n    }\n  ],\n  \"e\": {},\n  \"f\": []\n}",
            TemplateRunner.Render("{{ {'a': 1, 'b': [1, 2, {'c': 'd'}], 'e': {}, 'f': []} | tojson(indent=2) }}"));
    }

    [Fact]
    public void ToJson_KeepsNonAsciiAndEscapesControlCharacters()
    {
        Assert.Equal("\"café \\\"q\\\" \\\\ \\n\\t\\u0001\"", TemplateRunner.Render("{{ value | tojson }}", ("value", "café \"q\" \\ \n\t\u0001")));
    }

    [Fact]
    public void ToJson_WritesFloatsAsPythonDoes()
    {
        Assert.Equal("1.0 1e+100 0.1 -0.0 123456789012.5", TemplateRunner.Render("{{ 1.0 | tojson }} {{ 1e100 | tojson }} {{ 0.1 | tojson }} {{ -0.0 | tojson }} {{ 123456789012.5 | tojson }}"));
    }

    [Fact]
    public void ToJsonOptions_SortKeysSeparatorsAndEnsureAscii()
    {
        Assert.Equal(
            """{"a": 2, "b": 1}{"a":[1,2]}"\u00e9" """.TrimEnd(),
            TemplateRunner.Render("{{ {'b': 1, 'a': 2} | tojson(sort_keys=true) }}{{ {'a': [1,2]} | tojson(separators=(',', ':')) }}{{ 'é' | tojson(ensure_ascii=true) }}"));
    }

    [Fact]
    public void ToJsonOfTheContextsTools_KeepsTheirKeyOrder()
    {
        var output = Oprel.Worker.Templates.ChatTemplate.Parse("{{ tools | tojson }}").Render(new Oprel.Worker.Templates.ChatTemplateContext
        {
            Messages = [],
            ToolsJson = """[{"type":"function","function":{"name":"f","parameters":{"z":1,"a":[true,null,1.5]}}}]""",
        });

        Assert.Equal("""[{"type": "function", "function": {"name": "f", "parameters": {"z": 1, "a": [true, null, 1.5]}}}]""", output);
    }

    [Fact]
    public void ToJsonOfUndefined_Fails()
    {
        Assert.Contains("not JSON serializable", TemplateRunner.Fails("{{ missing | tojson }}").Detail, StringComparison.Ordinal);
    }
}
