using Oprel.Worker.Templates;

namespace Oprel.Worker.Tests.Templates;

/// <summary>The conversations the model template tests render.</summary>
internal static class Conversations
{
    public const string WeatherToolsJson = """
        [{"type": "function", "function": {"name": "get_current_weather", "description": "Get the current weather in a city",
          "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "The city, e.g. Paris"},
          "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}}, "required": ["city"]}}}]
        """;

    public static readonly ChatTemplateMessage System = new("system", "You are a helpful assistant.");

    /// <summary>system, user, assistant, user.</summary>
    public static IReadOnlyList<ChatTemplateMessage> Standard { get; } =
    [
        System,
        new("user", "What is the capital of France?"),
        new("assistant", "The capital of France is Paris."),
        new("user", "And of Germany?"),
    ];

    /// <summary>The standard conversation without its system message.</summary>
    public static IReadOnlyList<ChatTemplateMessage> WithoutSystem { get; } = Standard.Skip(1).ToList();

    /// <summary>system, user, an assistant tool call (no id given, so it gets call00001), the tool's result.</summary>
    public static IReadOnlyList<ChatTemplateMessage> WeatherToolCall { get; } =
    [
        System,
        new("user", "What's the weather in Paris?"),
        new("assistant", "") { ToolCalls = [new ChatTemplateToolCall("get_current_weather", """{"city": "Paris", "unit": "celsius"}""")] },
        new("tool", """{"temperature": 22, "condition": "sunny"}""") { ToolName = "get_current_weather" },
    ];

    public static ChatTemplateContext Context(IReadOnlyList<ChatTemplateMessage> messages, string bos = "", string eos = "", string? tools = null) => new()
    {
        Messages = messages,
        BosToken = bos,
        EosToken = eos,
        ToolsJson = tools,
        Clock = FixedClock.March7th2025,
    };
}
