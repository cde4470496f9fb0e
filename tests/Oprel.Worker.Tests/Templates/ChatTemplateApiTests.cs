using System.Text.Json;
using Oprel.Worker.Templates;

namespace Oprel.Worker.Tests.Templates;

/// <summary>What <see cref="ChatTemplate"/> passes to a template, and how it reports problems.</summary>
public sealed class ChatTemplateApiTests
{
    private static readonly ChatTemplate MessagesAsJson = ChatTemplate.Parse("{% for m in messages %}{{ m | tojson }}\n{% endfor %}");

    [Theory]
    [InlineData("llama3.1", true)]
    [InlineData("llama3.2", true)]
    [InlineData("qwen2.5", true)]
    [InlineData("qwen3", true)]
    [InlineData("mistral-v0.3", true)]
    [InlineData("mistral-nemo", true)]
    [InlineData("llama3", false)]
    [InlineData("gemma3", false)]
    [InlineData("phi4", false)]
    [InlineData("deepseek-r1-distill", false)]
    public void SupportsTools_IsTrueForTemplatesThatReadTools(string fixture, bool expected)
    {
        Assert.Equal(expected, TemplateFixtures.Load(fixture).SupportsTools);
    }

    [Fact]
    public void SupportsTools_IgnoresTheWordInTextAndStrings()
    {
        Assert.False(ChatTemplate.Parse("tools {{ 'tools' }}{# tools #}{{ custom.tools }}").SupportsTools);
        Assert.True(ChatTemplate.Parse("{% if not tools is defined %}{% endif %}").SupportsTools);
    }

    [Fact]
    public void AllFixtures_Parse()
    {
        var names = TemplateFixtures.Names().ToList();

        Assert.Equal(16, names.Count);
        Assert.All(names, name => Assert.NotNull(TemplateFixtures.Load(name)));
    }

    [Fact]
    public void WithoutToolsJson_ToolsIsNone()
    {
        var output = ChatTemplate.Parse("{{ tools is defined }} {{ tools is none }} {{ documents is none }}").Render(new ChatTemplateContext { Messages = [] });

        Assert.Equal("True True True", output);
    }

    [Fact]
    public void ToolsJsonThatIsNoArray_IsAnArgumentError()
    {
        var template = ChatTemplate.Parse("{{ tools }}");

        Assert.Throws<ArgumentException>(() => template.Render(new ChatTemplateContext { Messages = [], ToolsJson = """{"type": "function"}""" }));
        Assert.Throws<ArgumentException>(() => template.Render(new ChatTemplateContext { Messages = [], ToolsJson = "[not json" }));
    }

    [Fact]
    public void StandardVariables_AreSet()
    {
        var context = new ChatTemplateContext { Messages = [new("user", "hi")], BosToken = "<s>", EosToken = "</s>", AddGenerationPrompt = false };

        var output = ChatTemplate.Parse("{{ bos_token }}|{{ eos_token }}|{{ add_generation_prompt }}|{{ messages | length }}").Render(context);

        Assert.Equal("<s>|</s>|False|1", output);
    }

    [Fact]
    public void Messages_HaveOnlyTheKeysThatAreSet()
    {
        var output = MessagesAsJson.Render(new ChatTemplateContext { Messages = [new("user", "hi"), new("assistant", "4") { Thinking = "2+2" }] });

        Assert.Equal(
            """
            {"role": "user", "content": "hi"}
            {"role": "assistant", "content": "4", "reasoning_content": "2+2"}

            """.ReplaceLineEndings("\n"),
            output);
    }

    [Fact]
    public void ToolCalls_GetStableGeneratedIdsThatToolResultsAnswerByName()
    {
        ChatTemplateMessage[] messages =
        [
            new("assistant", "") { ToolCalls = [new("a", """{"x": 1}"""), new("b", "not json")] },
            new("tool", "B") { ToolName = "b" },
            new("tool", "A") { ToolName = "a" },
            new("assistant", "") { ToolCalls = [new("a", "[1]") { Id = "given" }] },
            new("tool", "A2") { ToolName = "a" },
        ];

        var output = MessagesAsJson.Render(new ChatTemplateContext { Messages = messages });

        Assert.Equal(
            """
            {"role": "assistant", "content": "", "tool_calls": [{"id": "call00001", "type": "function", "function": {"name": "a", "arguments": {"x": 1}}}, {"id": "call00002", "type": "function", "function": {"name": "b", "arguments": "not json"}}]}
            {"role": "tool", "content": "B", "name": "b", "tool_call_id": "call00002"}
            {"role": "tool", "content": "A", "name": "a", "tool_call_id": "call00001"}
            {"role": "assistant", "content": "", "tool_calls": [{"id": "given", "type": "function", "function": {"name": "a", "arguments": "[1]"}}]}
            {"role": "tool", "content": "A2", "name": "a", "tool_call_id": "given"}

            """.ReplaceLineEndings("\n"),
            output);
    }

    [Fact]
    public void ExtraVariables_AcceptPlainValuesAndJson()
    {
        var context = new ChatTemplateContext
        {
            Messages = [],
            Extra = new Dictionary<string, object?>
            {
                ["flag"] = false,
                ["count"] = 3,
                ["ratio"] = 0.5,
                ["name"] = "x",
                ["nothing"] = null,
                ["list"] = new[] { 1, 2 },
                ["map"] = new Dictionary<string, object?> { ["k"] = "v" },
                ["json"] = JsonDocument.Parse("""{"a": [true, 1.5]}""").RootElement,
            },
        };

        var output = ChatTemplate.Parse("{{ flag is false }} {{ count + 1 }} {{ ratio }} {{ name }} {{ nothing is none }} {{ list }} {{ map.k }} {{ json | tojson }}").Render(context);

        Assert.Equal("""True 4 0.5 x True [1, 2] v {"a": [true, 1.5]}""", output);
    }

    [Fact]
    public void ExtraVariableOfAnUnsupportedType_IsAnArgumentError()
    {
        var context = new ChatTemplateContext { Messages = [], Extra = new Dictionary<string, object?> { ["when"] = DateTime.UnixEpoch } };

        Assert.Throws<ArgumentException>(() => ChatTemplate.Parse("{{ when }}").Render(context));
    }

    [Fact]
    public void RaiseException_IsATemplateExceptionWithTheTemplatesMessageAndLocation()
    {
        var exception = Assert.Throws<TemplateException>(
            () => ChatTemplate.Parse("ok\n{% if true %}\n  {{ raise_exception('Roles must alternate!') }}\n{% endif %}").Render(new ChatTemplateContext { Messages = [] }));

        Assert.True(exception.RaisedByTemplate);
        Assert.Equal("Roles must alternate!", exception.Detail);
        Assert.Equal(3, exception.Line);
        Assert.Equal(6, exception.Column);
        Assert.Equal("Chat template error at line 3, column 6: Roles must alternate!", exception.Message);
    }

    [Fact]
    public void StrftimeNow_ReadsTheInjectedClocksLocalTime()
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 12, 25, 23, 59, 0, TimeSpan.Zero));

        var output = ChatTemplate.Parse("{{ strftime_now('%d %B %Y, %H:%M') }}").Render(new ChatTemplateContext { Messages = [], Clock = clock });

        Assert.Equal("25 December 2024, 23:59", output);
    }

    [Fact]
    public void Render_IsSafeFromManyThreadsAtOnce()
    {
        var template = TemplateFixtures.Load("qwen3");
        var context = Conversations.Context(Conversations.WeatherToolCall, eos: "<|im_end|>", tools: Conversations.WeatherToolsJson);
        var expected = template.Render(context);

        var outputs = new string[64];
        Parallel.For(0, outputs.Length, i => outputs[i] = template.Render(context));

        Assert.All(outputs, output => Assert.Equal(expected, output));
    }

    [Fact]
    public void NullArguments_AreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => ChatTemplate.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => ChatTemplate.Parse("x").Render(null!));
    }
}
