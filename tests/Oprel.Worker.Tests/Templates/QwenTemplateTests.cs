using Oprel.Worker.Templates;

namespace Oprel.Worker.Tests.Templates;

public sealed class QwenTemplateTests
{
    private const string Eos = "<|im_end|>";

    private static readonly IReadOnlyList<ChatTemplateMessage> ThinkingHistory =
    [
        new("user", "What is 2+2?"),
        new("assistant", "<think>\nSimple sum.\n</think>\n\nIt is 4."),
        new("user", "And 3+3?"),
        new("assistant", "It is 6.") { Thinking = "Add three and three." },
    ];

    [Fact]
    public void Qwen25_Conversation_RendersChatMl()
    {
        var prompt = TemplateFixtures.Load("qwen2.5").Render(Conversations.Context(Conversations.Standard, eos: Eos));

        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n" +
            "What is the capital of France?<|im_end|>\n<|im_start|>assistant\nThe capital of France is Paris.<|im_end|>\n" +
            "<|im_start|>user\nAnd of Germany?<|im_end|>\n<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void Qwen25_WithoutSystem_AddsTheDefaultSystemPrompt()
    {
        var prompt = TemplateFixtures.Load("qwen2.5").Render(Conversations.Context(Conversations.WithoutSystem, eos: Eos));

        Assert.Equal(
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n" +
            "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n" +
            "The capital of France is Paris.<|im_end|>\n<|im_start|>user\nAnd of Germany?<|im_end|>\n" +
            "<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void Qwen25_ToolCall_RendersToolsCallAndToolResponse()
    {
        var context = Conversations.Context(Conversations.WeatherToolCall, eos: Eos, tools: Conversations.WeatherToolsJson);

        var prompt = TemplateFixtures.Load("qwen2.5").Render(context);

        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.\n\n# Tools\n\n" +
            "You may call one or more functions to assist with the user query.\n\n" +
            "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n" +
            "{\"type\": \"function\", \"function\": {\"name\": \"get_current_weather\", " +
            "\"description\": \"Get the current weather in a city\", \"parameters\": {\"type\": \"object\", " +
            "\"properties\": {\"city\": {\"type\": \"string\", \"description\": \"The city, e.g. Paris\"}, " +
            "\"unit\": {\"type\": \"string\", \"enum\": [\"celsius\", \"fahrenheit\"]}}, \"required\": [\"city\"]}}}\n" +
            "</tools>\n\n" +
            "For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n" +
            "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" +
            "<|im_start|>user\nWhat's the weather in Paris?<|im_end|>\n<|im_start|>assistant\n<tool_call>\n" +
            "{\"name\": \"get_current_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"celsius\"}}\n" +
            "</tool_call><|im_end|>\n<|im_start|>user\n<tool_response>\n{\"temperature\": 22, \"condition\": \"sunny\"}\n" +
            "</tool_response><|im_end|>\n<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void Qwen25_ParallelToolCalls_GroupsConsecutiveResultsInOneUserTurn()
    {
        ChatTemplateMessage[] messages =
        [
            Conversations.System,
            new("user", "What's the weather in Paris?"),
            new("assistant", "Let me check.")
            {
                ToolCalls = [new ChatTemplateToolCall("get_current_weather", """{"city": "Paris"}"""), new ChatTemplateToolCall("get_current_weather", """{"city": "Lyon"}""")],
            },
            new("tool", "22") { ToolName = "get_current_weather" },
            new("tool", "25") { ToolName = "get_current_weather" },
        ];

        var prompt = TemplateFixtures.Load("qwen2.5").Render(Conversations.Context(messages, eos: Eos, tools: Conversations.WeatherToolsJson));

        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.\n\n# Tools\n\n" +
            "You may call one or more functions to assist with the user query.\n\n" +
            "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n" +
            "{\"type\": \"function\", \"function\": {\"name\": \"get_current_weather\", " +
            "\"description\": \"Get the current weather in a city\", \"parameters\": {\"type\": \"object\", " +
            "\"properties\": {\"city\": {\"type\": \"string\", \"description\": \"The city, e.g. Paris\"}, " +
            "\"unit\": {\"type\": \"string\", \"enum\": [\"celsius\", \"fahrenheit\"]}}, \"required\": [\"city\"]}}}\n" +
            "</tools>\n\n" +
            "For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n" +
            "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" +
            "<|im_start|>user\nWhat's the weather in Paris?<|im_end|>\n<|im_start|>assistant\nLet me check.\n<tool_call>\n" +
            "{\"name\": \"get_current_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n<tool_call>\n" +
            "{\"name\": \"get_current_weather\", \"arguments\": {\"city\": \"Lyon\"}}\n</tool_call><|im_end|>\n" +
            "<|im_start|>user\n<tool_response>\n22\n</tool_response>\n<tool_response>\n25\n</tool_response><|im_end|>\n" +
            "<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void Qwen3_Conversation_RendersChatMl()
    {
        var prompt = TemplateFixtures.Load("qwen3").Render(Conversations.Context(Conversations.Standard, eos: Eos));

        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n" +
            "What is the capital of France?<|im_end|>\n<|im_start|>assistant\nThe capital of France is Paris.<|im_end|>\n" +
            "<|im_start|>user\nAnd of Germany?<|im_end|>\n<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void Qwen3_WithoutSystem_HasNoSystemTurn()
    {
        var prompt = TemplateFixtures.Load("qwen3").Render(Conversations.Context(Conversations.WithoutSystem, eos: Eos));

        Assert.Equal(
            "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n" +
            "The capital of France is Paris.<|im_end|>\n<|im_start|>user\nAnd of Germany?<|im_end|>\n" +
            "<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void Qwen3_EnableThinkingFalse_AddsAnEmptyThinkBlock()
    {
        var context = Conversations.Context(Conversations.Standard, eos: Eos) with
        {
            Extra = new Dictionary<string, object?> { ["enable_thinking"] = false },
        };

        var prompt = TemplateFixtures.Load("qwen3").Render(context);

        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n" +
            "What is the capital of France?<|im_end|>\n<|im_start|>assistant\nThe capital of France is Paris.<|im_end|>\n" +
            "<|im_start|>user\nAnd of Germany?<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n",
            prompt);
    }

    [Fact]
    public void Qwen3_EnableThinkingTrue_AddsNoThinkBlock()
    {
        var context = Conversations.Context(Conversations.Standard, eos: Eos) with
        {
            Extra = new Dictionary<string, object?> { ["enable_thinking"] = true },
        };

        var prompt = TemplateFixtures.Load("qwen3").Render(context);

        Assert.EndsWith("<|im_start|>assistant\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Qwen3_ReasoningHistory_DropsOldThinkingAndKeepsItAfterTheLastQuery()
    {
        var prompt = TemplateFixtures.Load("qwen3").Render(Conversations.Context(ThinkingHistory, eos: Eos));

        Assert.Equal(
            "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\nIt is 4.<|im_end|>\n<|im_start|>user\n" +
            "And 3+3?<|im_end|>\n<|im_start|>assistant\n<think>\nAdd three and three.\n</think>\n\nIt is 6.<|im_end|>\n" +
            "<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void Qwen3_ReasoningHistoryWithoutGenerationPrompt_EndsAfterTheAnswer()
    {
        var context = Conversations.Context(ThinkingHistory, eos: Eos) with { AddGenerationPrompt = false };

        var prompt = TemplateFixtures.Load("qwen3").Render(context);

        Assert.Equal(
            "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\nIt is 4.<|im_end|>\n<|im_start|>user\n" +
            "And 3+3?<|im_end|>\n<|im_start|>assistant\n<think>\nAdd three and three.\n</think>\n\nIt is 6.<|im_end|>\n",
            prompt);
    }

    [Fact]
    public void Qwen3_ToolCall_RendersToolsCallAndToolResponse()
    {
        var context = Conversations.Context(Conversations.WeatherToolCall, eos: Eos, tools: Conversations.WeatherToolsJson);

        var prompt = TemplateFixtures.Load("qwen3").Render(context);

        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.\n\n# Tools\n\n" +
            "You may call one or more functions to assist with the user query.\n\n" +
            "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n" +
            "{\"type\": \"function\", \"function\": {\"name\": \"get_current_weather\", " +
            "\"description\": \"Get the current weather in a city\", \"parameters\": {\"type\": \"object\", " +
            "\"properties\": {\"city\": {\"type\": \"string\", \"description\": \"The city, e.g. Paris\"}, " +
            "\"unit\": {\"type\": \"string\", \"enum\": [\"celsius\", \"fahrenheit\"]}}, \"required\": [\"city\"]}}}\n" +
            "</tools>\n\n" +
            "For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n" +
            "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" +
            "<|im_start|>user\nWhat's the weather in Paris?<|im_end|>\n<|im_start|>assistant\n<tool_call>\n" +
            "{\"name\": \"get_current_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"celsius\"}}\n" +
            "</tool_call><|im_end|>\n<|im_start|>user\n<tool_response>\n{\"temperature\": 22, \"condition\": \"sunny\"}\n" +
            "</tool_response><|im_end|>\n<|im_start|>assistant\n",
            prompt);
    }
}
