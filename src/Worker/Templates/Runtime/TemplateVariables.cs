using System.Globalization;
using System.Text.Json;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>
/// The variables a template is rendered with, as transformers passes them: <c>messages</c>, <c>tools</c> (none when
/// there are no tools), <c>add_generation_prompt</c>, <c>bos_token</c>, <c>eos_token</c>, the extra variables, and
/// the globals.
/// </summary>
internal static class TemplateVariables
{
    public static Scope Create(ChatTemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = new Scope(parent: null);
        Builtins.AddTo(scope, context.Clock);
        scope.Set("messages", Messages(context.Messages));
        scope.Set("tools", Tools(context.ToolsJson));
        scope.Set("documents", NoneValue.Instance);
        scope.Set("add_generation_prompt", BooleanValue.From(context.AddGenerationPrompt));
        scope.Set("bos_token", new StringValue(context.BosToken));
        scope.Set("eos_token", new StringValue(context.EosToken));
        foreach (var (name, value) in context.Extra)
        {
            scope.Set(name, ValueConverter.FromObject(value));
        }

        return scope;
    }

    private static Value Tools(string? toolsJson)
    {
        if (toolsJson is null)
        {
            return NoneValue.Instance;
        }

        try
        {
            return ValueConverter.ParseJson(toolsJson) is ListValue tools
                ? tools
                : throw new ArgumentException("ToolsJson must be a JSON array of tool definitions.", nameof(toolsJson));
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"ToolsJson is not valid JSON: {exception.Message}", nameof(toolsJson), exception);
        }
    }

    private static ListValue Messages(IReadOnlyList<ChatTemplateMessage> messages)
    {
        var result = new List<Value>(messages.Count);
        var callNumber = 0;
        var unanswered = new List<(string Id, string Name)>();
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message);
            var dict = new DictValue()
                .With("role", new StringValue(message.Role))
                .With("content", new StringValue(message.Content));
            if (message.ToolCalls is { Count: > 0 } calls)
            {
                unanswered.Clear();
                var items = new List<Value>(calls.Count);
                foreach (var call in calls)
                {
                    var id = call.Id ?? "call" + (++callNumber).ToString("D5", CultureInfo.InvariantCulture);
                    unanswered.Add((id, call.Name));
                    items.Add(new DictValue()
                        .With("id", new StringValue(id))
                        .With("type", new StringValue("function"))
                        .With("function", new DictValue()
                            .With("name", new StringValue(call.Name))
                            .With("arguments", Arguments(call.ArgumentsJson))));
                }

                dict.With("tool_calls", new ListValue(items));
            }

            if (message.ToolName is not null)
            {
                dict.With("name", new StringValue(message.ToolName));
            }

            var toolCallId = message.ToolCallId ?? (message.Role == "tool" ? TakeUnanswered(unanswered, message.ToolName) : null);
            if (toolCallId is not null)
            {
                dict.With("tool_call_id", new StringValue(toolCallId));
            }

            if (message.Thinking is not null)
            {
                dict.With("reasoning_content", new StringValue(message.Thinking));
            }

            result.Add(dict);
        }

        return new ListValue(result);
    }

    /// <summary>The id of the first unanswered call, preferring one to the function <paramref name="name"/>.</summary>
    private static string? TakeUnanswered(List<(string Id, string Name)> unanswered, string? name)
    {
        if (unanswered.Count == 0)
        {
            return null;
        }

        var index = Math.Max(0, unanswered.FindIndex(call => call.Name == name));
        var id = unanswered[index].Id;
        unanswered.RemoveAt(index);
        return id;
    }

    /// <summary>Arguments as a dict (templates call <c>arguments | tojson</c>); text that is no JSON object stays a string.</summary>
    private static Value Arguments(string json)
    {
        try
        {
            return ValueConverter.ParseJson(json) is DictValue arguments ? arguments : new StringValue(json);
        }
        catch (JsonException)
        {
            return new StringValue(json);
        }
    }
}
