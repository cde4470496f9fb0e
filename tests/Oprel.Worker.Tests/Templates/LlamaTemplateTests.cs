using Oprel.Worker.Templates;

namespace Oprel.Worker.Tests.Templates;

public sealed class LlamaTemplateTests
{
    private const string Bos = "<|begin_of_text|>";
    private const string Eos = "<|eot_id|>";

    [Fact]
    public void Llama3_Conversation_RendersExactPrompt()
    {
        var prompt = TemplateFixtures.Load("llama3").Render(Conversations.Context(Conversations.Standard, Bos, Eos));

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n" +
            "You are a helpful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" +
            "What is the capital of France?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n" +
            "The capital of France is Paris.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" +
            "And of Germany?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            prompt);
    }

    [Fact]
    public void Llama3_WithoutSystem_StartsWithUserTurn()
    {
        var prompt = TemplateFixtures.Load("llama3").Render(Conversations.Context(Conversations.WithoutSystem, Bos, Eos));

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n" +
            "What is the capital of France?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n" +
            "The capital of France is Paris.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" +
            "And of Germany?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            prompt);
    }

    [Fact]
    public void Llama31_Conversation_RendersDefaultDateAndSystem()
    {
        var prompt = TemplateFixtures.Load("llama3.1").Render(Conversations.Context(Conversations.Standard, Bos, Eos));

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\n" +
            "Today Date: 26 Jul 2024\n\nYou are a helpful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" +
            "What is the capital of France?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n" +
            "The capital of France is Paris.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" +
            "And of Germany?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            prompt);
    }

    [Fact]
    public void Llama31_WithoutSystem_RendersEmptySystemBlock()
    {
        var prompt = TemplateFixtures.Load("llama3.1").Render(Conversations.Context(Conversations.WithoutSystem, Bos, Eos));

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\n" +
            "Today Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" +
            "What is the capital of France?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n" +
            "The capital of France is Paris.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" +
            "And of Germany?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            prompt);
    }

    [Fact]
    public void Llama31_WithoutGenerationPrompt_EndsAfterLastTurn()
    {
        var context = Conversations.Context(Conversations.Standard, Bos, Eos) with { AddGenerationPrompt = false };

        var prompt = TemplateFixtures.Load("llama3.1").Render(context);

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\n" +
            "Today Date: 26 Jul 2024\n\nYou are a helpful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" +
            "What is the capital of France?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n" +
            "The capital of France is Paris.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd of Germany?<|eot_id|>",
            prompt);
    }

    [Fact]
    public void Llama31_ToolCall_RendersToolsInFirstUserMessageCallAndIpythonResult()
    {
        var context = Conversations.Context(Conversations.WeatherToolCall, Bos, Eos, Conversations.WeatherToolsJson);

        var prompt = TemplateFixtures.Load("llama3.1").Render(context);

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\n" +
            "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n" +
            "You are a helpful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" +
            "Given the following functions, " +
            "please respond with a JSON for a function call with its proper arguments that best answers the given prompt.\n" +
            "\n" +
            "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name and its value}.Do not use variables.\n" +
            "\n{\n    \"type\": \"function\",\n    \"function\": {\n        \"name\": \"get_current_weather\",\n" +
            "        \"description\": \"Get the current weather in a city\",\n        \"parameters\": {\n" +
            "            \"type\": \"object\",\n            \"properties\": {\n                \"city\": {\n" +
            "                    \"type\": \"string\",\n                    \"description\": \"The city, e.g. Paris\"\n" +
            "                },\n                \"unit\": {\n                    \"type\": \"string\",\n" +
            "                    \"enum\": [\n                        \"celsius\",\n" +
            "                        \"fahrenheit\"\n                    ]\n                }\n            },\n" +
            "            \"required\": [\n                \"city\"\n            ]\n        }\n    }\n}\n\n" +
            "What's the weather in Paris?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n" +
            "{\"name\": \"get_current_weather\", \"parameters\": {\"city\": \"Paris\", " +
            "\"unit\": \"celsius\"}}<|eot_id|><|start_header_id|>ipython<|end_header_id|>\n" +
            "\n" +
            "\"{\\\"temperature\\\": 22, \\\"condition\\\": \\\"sunny\\\"}\"<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n" +
            "\n",
            prompt);
    }

    [Fact]
    public void Llama31_TwoToolCallsInOneMessage_RaisesTheTemplatesError()
    {
        ChatTemplateMessage[] messages =
        [
            new("user", "Weather in Paris and Lyon?"),
            new("assistant", "")
            {
                ToolCalls = [new ChatTemplateToolCall("get_current_weather", """{"city": "Paris"}"""), new ChatTemplateToolCall("get_current_weather", """{"city": "Lyon"}""")],
            },
        ];

        var exception = Assert.Throws<TemplateException>(
            () => TemplateFixtures.Load("llama3.1").Render(Conversations.Context(messages, Bos, Eos, Conversations.WeatherToolsJson)));

        Assert.True(exception.RaisedByTemplate);
        Assert.Equal("This model only supports single tool-calls at once!", exception.Detail);
    }

    [Fact]
    public void Llama32_Conversation_DatesThePromptWithTheInjectedClock()
    {
        var prompt = TemplateFixtures.Load("llama3.2").Render(Conversations.Context(Conversations.Standard, Bos, Eos));

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\n" +
            "Today Date: 07 Mar 2025\n\nYou are a helpful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" +
            "What is the capital of France?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n" +
            "The capital of France is Paris.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" +
            "And of Germany?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            prompt);
    }

    [Fact]
    public void Llama32_DateStringVariable_OverridesTheClock()
    {
        var context = Conversations.Context(Conversations.Standard, Bos, Eos) with
        {
            Extra = new Dictionary<string, object?> { ["date_string"] = "01 Jan 2030" },
        };

        var prompt = TemplateFixtures.Load("llama3.2").Render(context);

        Assert.Contains("Today Date: 01 Jan 2030\n\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Llama32_ToolCall_RendersToolsCallAndResult()
    {
        var context = Conversations.Context(Conversations.WeatherToolCall, Bos, Eos, Conversations.WeatherToolsJson);

        var prompt = TemplateFixtures.Load("llama3.2").Render(context);

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\n" +
            "Cutting Knowledge Date: December 2023\nToday Date: 07 Mar 2025\n\n" +
            "You are a helpful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" +
            "Given the following functions, " +
            "please respond with a JSON for a function call with its proper arguments that best answers the given prompt.\n" +
            "\n" +
            "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name and its value}.Do not use variables.\n" +
            "\n{\n    \"type\": \"function\",\n    \"function\": {\n        \"name\": \"get_current_weather\",\n" +
            "        \"description\": \"Get the current weather in a city\",\n        \"parameters\": {\n" +
            "            \"type\": \"object\",\n            \"properties\": {\n                \"city\": {\n" +
            "                    \"type\": \"string\",\n                    \"description\": \"The city, e.g. Paris\"\n" +
            "                },\n                \"unit\": {\n                    \"type\": \"string\",\n" +
            "                    \"enum\": [\n                        \"celsius\",\n" +
            "                        \"fahrenheit\"\n                    ]\n                }\n            },\n" +
            "            \"required\": [\n                \"city\"\n            ]\n        }\n    }\n}\n\n" +
            "What's the weather in Paris?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n" +
            "{\"name\": \"get_current_weather\", \"parameters\": {\"city\": \"Paris\", " +
            "\"unit\": \"celsius\"}}<|eot_id|><|start_header_id|>ipython<|end_header_id|>\n" +
            "\n" +
            "\"{\\\"temperature\\\": 22, \\\"condition\\\": \\\"sunny\\\"}\"<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n" +
            "\n",
            prompt);
    }
}
