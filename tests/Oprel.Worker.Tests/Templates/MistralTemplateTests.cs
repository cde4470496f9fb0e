using Oprel.Worker.Templates;

namespace Oprel.Worker.Tests.Templates;

public sealed class MistralTemplateTests
{
    private const string Bos = "<s>";
    private const string Eos = "</s>";

    [Fact]
    public void MistralV03_Conversation_PutsTheSystemPromptInTheLastUserTurn()
    {
        var prompt = TemplateFixtures.Load("mistral-v0.3").Render(Conversations.Context(Conversations.Standard, Bos, Eos));

        Assert.Equal(
            "<s>[INST] What is the capital of France?[/INST] The capital of France is Paris.</s>[INST] You are a helpful assistant.\n" +
            "\nAnd of Germany?[/INST]",
            prompt);
    }

    [Fact]
    public void MistralV03_WithoutSystem_RendersInstTurns()
    {
        var prompt = TemplateFixtures.Load("mistral-v0.3").Render(Conversations.Context(Conversations.WithoutSystem, Bos, Eos));

        Assert.Equal(
            "<s>[INST] What is the capital of France?[/INST] The capital of France is Paris.</s>[INST] And of Germany?[/INST]",
            prompt);
    }

    [Fact]
    public void MistralV03_ToolCall_RendersAvailableToolsCallsWithGeneratedIdsAndResults()
    {
        var context = Conversations.Context(Conversations.WeatherToolCall, Bos, Eos, Conversations.WeatherToolsJson);

        var prompt = TemplateFixtures.Load("mistral-v0.3").Render(context);

        Assert.Equal(
            "<s>[AVAILABLE_TOOLS] [{\"type\": \"function\", \"function\": {\"name\": \"get_current_weather\", " +
            "\"description\": \"Get the current weather in a city\", \"parameters\": {\"type\": \"object\", " +
            "\"properties\": {\"city\": {\"type\": \"string\", \"description\": \"The city, e.g. Paris\"}, " +
            "\"unit\": {\"type\": \"string\", \"enum\": [\"celsius\", \"fahrenheit\"]}}, " +
            "\"required\": [\"city\"]}}}][/AVAILABLE_TOOLS][INST] What's the weather in Paris?[/INST][TOOL_CALLS] [{\"name\": \"get_c" +
            "urrent_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"celsius\"}, " +
            "\"id\": \"call00001\"}]</s>[TOOL_RESULTS] {\"content\": {\"temperature\": 22, \"condition\": \"sunny\"}, " +
            "\"call_id\": \"call00001\"}[/TOOL_RESULTS]",
            prompt);
    }

    [Fact]
    public void MistralV03_ToolCallThenAnswerThenUser_PutsToolsBeforeTheLastUserMessage()
    {
        ChatTemplateMessage[] messages =
        [
            .. Conversations.WeatherToolCall,
            new("assistant", "It is sunny and 22 °C in Paris."),
            new("user", "Thanks!"),
        ];

        var prompt = TemplateFixtures.Load("mistral-v0.3").Render(Conversations.Context(messages, Bos, Eos, Conversations.WeatherToolsJson));

        Assert.Equal(
            "<s>[INST] What's the weather in Paris?[/INST][TOOL_CALLS] [{\"name\": \"get_current_weather\", " +
            "\"arguments\": {\"city\": \"Paris\", \"unit\": \"celsius\"}, " +
            "\"id\": \"call00001\"}]</s>[TOOL_RESULTS] {\"content\": {\"temperature\": 22, \"condition\": \"sunny\"}, " +
            "\"call_id\": \"call00001\"}[/TOOL_RESULTS] It is sunny and 22 °C in Paris.</s>[AVAILABLE_TOOLS] [{\"type\": \"function\"" +
            ", \"function\": {\"name\": \"get_current_weather\", \"description\": \"Get the current weather in a city\", " +
            "\"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\", \"description\": \"The city, " +
            "e.g. Paris\"}, \"unit\": {\"type\": \"string\", \"enum\": [\"celsius\", \"fahrenheit\"]}}, " +
            "\"required\": [\"city\"]}}}][/AVAILABLE_TOOLS][INST] You are a helpful assistant.\n" +
            "\nThanks![/INST]",
            prompt);
    }

    [Fact]
    public void MistralV03_GivenToolCallIds_AreUsedForCallAndResult()
    {
        ChatTemplateMessage[] messages =
        [
            new("user", "What's the weather in Paris?"),
            new("assistant", "") { ToolCalls = [new ChatTemplateToolCall("get_current_weather", """{"city": "Paris"}""") { Id = "a1B2c3D4e" }] },
            new("tool", "22") { ToolName = "get_current_weather", ToolCallId = "a1B2c3D4e" },
        ];

        var prompt = TemplateFixtures.Load("mistral-v0.3").Render(Conversations.Context(messages, Bos, Eos, Conversations.WeatherToolsJson));

        Assert.Contains("""[TOOL_CALLS] [{"name": "get_current_weather", "arguments": {"city": "Paris"}, "id": "a1B2c3D4e"}]</s>""", prompt, StringComparison.Ordinal);
        Assert.EndsWith("""[TOOL_RESULTS] {"content": 22, "call_id": "a1B2c3D4e"}[/TOOL_RESULTS]""", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void MistralV03_ToolCallIdOfTheWrongLength_RaisesTheTemplatesError()
    {
        ChatTemplateMessage[] messages =
        [
            new("user", "What's the weather in Paris?"),
            new("assistant", "") { ToolCalls = [new ChatTemplateToolCall("get_current_weather", """{"city": "Paris"}""") { Id = "call_1" }] },
        ];

        var exception = Assert.Throws<TemplateException>(
            () => TemplateFixtures.Load("mistral-v0.3").Render(Conversations.Context(messages, Bos, Eos, Conversations.WeatherToolsJson)));

        Assert.True(exception.RaisedByTemplate);
        Assert.Equal("Tool call IDs should be alphanumeric strings with length 9!", exception.Detail);
    }

    [Fact]
    public void MistralV03_TwoUserMessagesInARow_RaisesTheAlternationError()
    {
        ChatTemplateMessage[] messages = [Conversations.System, new("user", "Hello"), new("user", "Are you there?")];

        var exception = Assert.Throws<TemplateException>(() => TemplateFixtures.Load("mistral-v0.3").Render(Conversations.Context(messages, Bos, Eos)));

        Assert.True(exception.RaisedByTemplate);
        Assert.Equal("After the optional system message, conversation roles must alternate user/assistant/user/assistant/...", exception.Detail);
        Assert.True(exception.Line > 0);
        Assert.Contains(exception.Detail, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MistralV03_UnknownRole_RaisesTheRolesError()
    {
        ChatTemplateMessage[] messages = [new("user", "Hello"), new("critic", "Too short.")];

        var exception = Assert.Throws<TemplateException>(() => TemplateFixtures.Load("mistral-v0.3").Render(Conversations.Context(messages, Bos, Eos)));

        Assert.Equal("Only user and assistant roles are supported, with the exception of an initial optional system message!", exception.Detail);
    }

    [Fact]
    public void MistralNemo_Conversation_RendersInstTurnsWithoutSpaces()
    {
        var prompt = TemplateFixtures.Load("mistral-nemo").Render(Conversations.Context(Conversations.Standard, Bos, Eos));

        Assert.Equal(
            "<s>[INST]What is the capital of France?[/INST]The capital of France is Paris.</s>[INST]You are a helpful assistant.\n" +
            "\nAnd of Germany?[/INST]",
            prompt);
    }

    [Fact]
    public void MistralNemo_ToolCall_RendersAvailableToolsCallsAndResults()
    {
        var context = Conversations.Context(Conversations.WeatherToolCall, Bos, Eos, Conversations.WeatherToolsJson);

        var prompt = TemplateFixtures.Load("mistral-nemo").Render(context);

        Assert.Equal(
            "<s>[AVAILABLE_TOOLS][{\"type\": \"function\", \"function\": {\"name\": \"get_current_weather\", " +
            "\"description\": \"Get the current weather in a city\", \"parameters\": {\"type\": \"object\", " +
            "\"properties\": {\"city\": {\"type\": \"string\", \"description\": \"The city, e.g. Paris\"}, " +
            "\"unit\": {\"type\": \"string\", \"enum\": [\"celsius\", \"fahrenheit\"]}}, " +
            "\"required\": [\"city\"]}}}][/AVAILABLE_TOOLS][INST]What's the weather in Paris?[/INST][TOOL_CALLS][{\"name\": \"get_cur" +
            "rent_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"celsius\"}, " +
            "\"id\": \"call00001\"}]</s>[TOOL_RESULTS]{\"content\": {\"temperature\": 22, \"condition\": \"sunny\"}, " +
            "\"call_id\": \"call00001\"}[/TOOL_RESULTS]",
            prompt);
    }
}
