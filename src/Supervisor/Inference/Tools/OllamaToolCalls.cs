using System.Buffers;
using System.Text.Json;
using Oprel.Rpc;

namespace Oprel.Supervisor.Inference.Tools;

/// <summary>Tool calls in Ollama's shape, <c>[{"id", "function": {"index", "name", "arguments": {…}}}]</c>, to and from the engine's.</summary>
internal static class OllamaToolCalls
{
    /// <summary>A message's tool calls for the chat template; null when it has none.</summary>
    /// <exception cref="ValidationException">They are not an array of calls with a function name and object arguments.</exception>
    public static IReadOnlyList<ChatToolCall>? Read(JsonElement? toolCalls, string where)
    {
        if (toolCalls is not { } array || array.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new ValidationException($"{where} must be an array");
        }

        var calls = new List<ChatToolCall>();
        var index = 0;
        foreach (var call in array.EnumerateArray())
        {
            var at = $"{where}[{index++}]";
            if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
                || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(name.GetString()))
            {
                throw new ValidationException($"{at} must have a \"function\" with a \"name\"");
            }

            calls.Add(new ChatToolCall(name.GetString()!, Arguments(function, at)));
        }

        return calls.Count == 0 ? null : calls;
    }

    /// <summary>The calls a model made, as an Ollama message's "tool_calls".</summary>
    public static JsonElement Write(IReadOnlyList<ChatToolCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < calls.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", $"call_{Guid.NewGuid():N}"[..13]);
                writer.WriteStartObject("function");
                writer.WriteNumber("index", i);
                writer.WriteString("name", calls[i].Name);
                writer.WritePropertyName("arguments");
                writer.WriteRawValue(calls[i].ArgumentsJson);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    private static string Arguments(JsonElement function, string where)
    {
        if (!function.TryGetProperty("arguments", out var arguments) || arguments.ValueKind == JsonValueKind.Null)
        {
            return "{}";
        }

        if (arguments.ValueKind == JsonValueKind.Object)
        {
            return arguments.GetRawText();
        }

        // OpenAI's shape, JSON text in a string, as some Ollama clients send it.
        if (arguments.ValueKind == JsonValueKind.String && JsonValueScanner.TryParse(arguments.GetString()!, out var parsed) && parsed.ValueKind == JsonValueKind.Object)
        {
            return parsed.GetRawText();
        }

        throw new ValidationException($"{where}.function.arguments must be a JSON object");
    }
}
