using System.Text.Json;
using Oprel.Rpc;
using Oprel.Supervisor.Inference.Tools;

namespace Oprel.Supervisor.Tests.Inference.Tools;

public sealed class ToolCallParserTests
{
    private static readonly string[] Tools = ["get_weather", "get_time"];

    [Theory]
    [InlineData("qwen2.5.jinja", nameof(ToolCallFormat.Hermes))]
    [InlineData("qwen3.jinja", nameof(ToolCallFormat.Hermes))]
    [InlineData("mistral-nemo.jinja", nameof(ToolCallFormat.Mistral))]
    [InlineData("llama3.1.jinja", nameof(ToolCallFormat.Llama))]
    [InlineData("llama3.2.jinja", nameof(ToolCallFormat.Llama))]
    [InlineData("gemma2.jinja", nameof(ToolCallFormat.Json))]
    public void FormatOf_RealTemplates(string fixture, string expected)
    {
        var template = TemplateFixtures.Read(fixture);
        Assert.Equal(Enum.Parse<ToolCallFormat>(expected), ToolCallParser.FormatOf(template));
    }

    [Fact]
    public void FormatOf_NoTemplate_IsJson() => Assert.Equal(ToolCallFormat.Json, ToolCallParser.FormatOf(null));

    [Fact]
    public void Hermes_SeveralCalls_WithTextAround()
    {
        var result = Parser(ToolCallFormat.Hermes).Parse(
            "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"get_time\", \"arguments\": \"{\\\"zone\\\": \\\"CET\\\"}\"}\n</tool_call>");

        Assert.Equal("", result.Content);
        Assert.Collection(
            result.Calls,
            c => AssertCall(c, "get_weather", """{"city":"Paris"}"""),
            c => AssertCall(c, "get_time", """{"zone":"CET"}"""));
    }

    [Fact]
    public void Hermes_TextBeforeTheCall_IsContent()
    {
        var result = Parser(ToolCallFormat.Hermes).Parse("Let me look.\n<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}</tool_call>");

        Assert.Equal("Let me look.", result.Content);
        AssertCall(Assert.Single(result.Calls), "get_weather", """{"city":"Oslo"}""");
    }

    [Fact]
    public void Hermes_UnclosedLastBlock_IsStillACall()
    {
        var result = Parser(ToolCallFormat.Hermes).Parse("<tool_call>{\"name\":\"get_weather\",\"arguments\":{}}");

        AssertCall(Assert.Single(result.Calls), "get_weather", "{}");
    }

    [Fact]
    public void Hermes_MalformedBlock_StaysText()
    {
        const string Text = "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": </tool_call>";
        var result = Parser(ToolCallFormat.Hermes).Parse(Text);

        Assert.Empty(result.Calls);
        Assert.Equal(Text, result.Content);
    }

    [Fact]
    public void Hermes_BareJsonNamingATool_IsACall()
    {
        var result = Parser(ToolCallFormat.Hermes).Parse("""{"name":"get_weather","arguments":{"city":"Rome"}}""");

        AssertCall(Assert.Single(result.Calls), "get_weather", """{"city":"Rome"}""");
    }

    [Fact]
    public void Mistral_JsonArray()
    {
        var result = Parser(ToolCallFormat.Mistral).Parse(
            """[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris"}}, {"name": "get_time", "arguments": {}, "id": "abcdefghi"}]""");

        Assert.Equal("", result.Content);
        Assert.Collection(result.Calls, c => AssertCall(c, "get_weather", """{"city":"Paris"}"""), c => AssertCall(c, "get_time", "{}"));
    }

    [Fact]
    public void Mistral_NameAndArgs()
    {
        var result = Parser(ToolCallFormat.Mistral).Parse("""[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}[TOOL_CALLS]get_time[ARGS]{}""");

        Assert.Collection(result.Calls, c => AssertCall(c, "get_weather", """{"city":"Paris"}"""), c => AssertCall(c, "get_time", "{}"));
    }

    [Fact]
    public void Mistral_Malformed_StaysText()
    {
        const string Text = """[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris"}""";
        var result = Parser(ToolCallFormat.Mistral).Parse(Text);

        Assert.Empty(result.Calls);
        Assert.Equal(Text, result.Content);
    }

    [Fact]
    public void Llama_BareObjectWithParameters()
    {
        var result = Parser(ToolCallFormat.Llama).Parse("""{"name": "get_weather", "parameters": {"city": "Paris"}}""");

        AssertCall(Assert.Single(result.Calls), "get_weather", """{"city":"Paris"}""");
    }

    [Fact]
    public void Llama_PythonTagAndSeveralSeparatedBySemicolons()
    {
        var result = Parser(ToolCallFormat.Llama).Parse(
            """<|python_tag|>{"name": "get_weather", "parameters": {"city": "Paris"}}; {"name": "get_time", "parameters": "{\"zone\": \"CET\"}"}""");

        Assert.Collection(result.Calls, c => AssertCall(c, "get_weather", """{"city":"Paris"}"""), c => AssertCall(c, "get_time", """{"zone":"CET"}"""));
    }

    [Fact]
    public void Llama_BareObjectNamingNoTool_StaysText()
    {
        const string Text = """{"name": "Alice", "parameters": {"age": 3}}""";
        var result = Parser(ToolCallFormat.Llama).Parse(Text);

        Assert.Empty(result.Calls);
        Assert.Equal(Text, result.Content);
    }

    [Fact]
    public void Json_WholeAnswerIsACall()
    {
        var result = Parser(ToolCallFormat.Json).Parse(""" {"name":"get_weather","arguments":{"city":"Lima"}} """);

        Assert.Equal("", result.Content);
        AssertCall(Assert.Single(result.Calls), "get_weather", """{"city":"Lima"}""");
    }

    [Fact]
    public void Json_ArgumentsAsAString()
    {
        var result = Parser(ToolCallFormat.Json).Parse("""{"name":"get_weather","arguments":"{\"city\":\"Lima\"}"}""");

        AssertCall(Assert.Single(result.Calls), "get_weather", """{"city":"Lima"}""");
    }

    [Theory]
    [InlineData("""I would call get_weather with {"city": "Paris"} if I could.""")]
    [InlineData("""You can write <tool_call>{"name": "get_weather"}</tool_call> to call it.""")]
    [InlineData("""{"name":"get_weather"}""")]
    [InlineData("""{"city":"Paris"}""")]
    [InlineData("""{"name":"get_weather","arguments":{"city":"Paris"}""")]
    [InlineData("""{"name":"get_weather","arguments":"not json"}""")]
    public void TextThatMerelyMentionsACallOrIsMalformed_StaysText(string text)
    {
        foreach (var format in new[] { ToolCallFormat.Json, ToolCallFormat.Llama, ToolCallFormat.Mistral })
        {
            var result = Parser(format).Parse(text);
            Assert.Empty(result.Calls);
            Assert.Equal(text, result.Content);
        }
    }

    [Fact]
    public void Hermes_ProseWithJsonOutsideTheMarkers_IsNoCall()
    {
        var result = Parser(ToolCallFormat.Hermes).Parse("""I would call get_weather with {"city": "Paris"}.""");

        Assert.Empty(result.Calls);
    }

    [Theory]
    [InlineData(nameof(ToolCallFormat.Hermes), "  ", nameof(ToolCallStart.Undecided))]
    [InlineData(nameof(ToolCallFormat.Hermes), " <tool", nameof(ToolCallStart.Undecided))]
    [InlineData(nameof(ToolCallFormat.Hermes), "<tool_call>", nameof(ToolCallStart.Possible))]
    [InlineData(nameof(ToolCallFormat.Hermes), "<b>", nameof(ToolCallStart.Text))]
    [InlineData(nameof(ToolCallFormat.Hermes), "\n{", nameof(ToolCallStart.Possible))]
    [InlineData(nameof(ToolCallFormat.Mistral), "[TOOL", nameof(ToolCallStart.Undecided))]
    [InlineData(nameof(ToolCallFormat.Mistral), "[TOOL_CALLS]x", nameof(ToolCallStart.Possible))]
    [InlineData(nameof(ToolCallFormat.Llama), "<|python", nameof(ToolCallStart.Undecided))]
    [InlineData(nameof(ToolCallFormat.Llama), "Hello", nameof(ToolCallStart.Text))]
    [InlineData(nameof(ToolCallFormat.Json), "{", nameof(ToolCallStart.Possible))]
    [InlineData(nameof(ToolCallFormat.Json), "[", nameof(ToolCallStart.Text))]
    public void Classify_TheBeginningOfAnAnswer(string format, string text, string expected) =>
        Assert.Equal(Enum.Parse<ToolCallStart>(expected), Parser(Enum.Parse<ToolCallFormat>(format)).Classify(text));

    internal static ToolCallParser Parser(ToolCallFormat format) => new(format, Tools);

    private static void AssertCall(ChatToolCall call, string name, string arguments)
    {
        Assert.Equal(name, call.Name);
        Assert.Equal(Normalize(arguments), Normalize(call.ArgumentsJson));
    }

    private static string Normalize(string json) => JsonSerializer.Serialize(JsonElement.Parse(json));
}
