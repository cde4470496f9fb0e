using System.Buffers;
using System.Text.Json;
using Oprel.OllamaApi;
using Oprel.OpenAiApi;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>
/// Checks an OpenAI request and turns it into the Ollama request the generation service serves, the way Ollama's
/// own OpenAI layer does (temperature and top_p default to 1, response_format becomes "format").
/// </summary>
internal static class OpenAiRequestMapper
{
    private static readonly JsonElement JsonFormat = JsonElement.Parse("\"json\"");

    /// <exception cref="ValidationException">The request is invalid.</exception>
    public static OllamaChatRequest ToOllama(OpenAiChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages is not { Count: > 0 } messages)
        {
            throw new ValidationException("messages must be a non-empty array");
        }

        var maxTokensName = request.MaxCompletionTokens is null ? "max_tokens" : "max_completion_tokens";
        return new OllamaChatRequest
        {
            Model = request.Model,
            Messages = WithToolNames(messages, [.. messages.Select(Message)]),
            Stream = request.Stream ?? false,
            Format = Format(request.ResponseFormat),
            Tools = request.Tools,
            Options = Options(
                request.MaxCompletionTokens ?? request.MaxTokens, maxTokensName, request.N, request.Temperature, request.TopP, request.Seed,
                request.Stop, request.FrequencyPenalty, request.PresencePenalty),
        };
    }

    /// <exception cref="ValidationException">The request is invalid.</exception>
    public static OllamaGenerateRequest ToOllama(OpenAiCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new OllamaGenerateRequest
        {
            Model = request.Model,
            Prompt = Prompt(request.Prompt),
            Stream = request.Stream ?? false,
            Options = Options(
                request.MaxTokens, "max_tokens", request.N, request.Temperature, request.TopP, request.Seed,
                request.Stop, request.FrequencyPenalty, request.PresencePenalty),
        };
    }

    /// <exception cref="ValidationException">The request is invalid.</exception>
    public static OllamaEmbedRequest ToOllama(OpenAiEmbeddingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(
            request.EncodingFormat is null || OpenAiEmbeddings.IsFloat(request.EncodingFormat) || OpenAiEmbeddings.IsBase64(request.EncodingFormat),
            $"encoding_format must be float or base64, not '{request.EncodingFormat}'");
        Check(request.Dimensions is null or >= 1, "dimensions must be at least 1");
        Check(request.Input is { ValueKind: JsonValueKind.String or JsonValueKind.Array }, "input must be a string or an array of strings");
        Check(request.Input is not { ValueKind: JsonValueKind.Array } inputs || inputs.GetArrayLength() > 0, "input must not be an empty array");
        return new OllamaEmbedRequest { Model = request.Model, Input = request.Input, Truncate = true };
    }

    private static OllamaOptions Options(
        int? maxTokens, string maxTokensName, int? n, float? temperature, float? topP, long? seed, JsonElement? stop, float? frequencyPenalty, float? presencePenalty)
    {
        Check(maxTokens is null or >= 1, $"{maxTokensName} must be at least 1");
        Check(n is null or 1, "n must be 1: Oprel answers with one choice");
        Check(frequencyPenalty is null or (>= -2 and <= 2), "frequency_penalty must be between -2 and 2");
        Check(presencePenalty is null or (>= -2 and <= 2), "presence_penalty must be between -2 and 2");
        return new OllamaOptions
        {
            NumPredict = maxTokens,
            Temperature = temperature ?? 1f,
            TopP = topP ?? 1f,
            Seed = seed,
            Stop = Stops(stop),
            FrequencyPenalty = frequencyPenalty,
            PresencePenalty = presencePenalty,
        };
    }

    private static IReadOnlyList<string>? Stops(JsonElement? stop)
    {
        const string Invalid = "stop must be a string or an array of strings";
        switch (stop)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.String } one:
                return [one.GetString()!];
            case { ValueKind: JsonValueKind.Array } many:
                return [.. many.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString()! : throw new ValidationException(Invalid))];
            default:
                throw new ValidationException(Invalid);
        }
    }

    private static JsonElement? Format(OpenAiResponseFormat? format)
    {
        if (format is null)
        {
            return null;
        }

        return format.Type switch
        {
            "text" => null,
            "json_object" => JsonFormat,

            // The schema takes the same path as an /api/chat "format" object.
            "json_schema" => format.JsonSchema?.Schema is { ValueKind: JsonValueKind.Object } schema
                ? schema
                : throw new ValidationException("response_format.json_schema.schema must be a JSON schema object"),
            null => throw new ValidationException("response_format.type is required: text, json_object or json_schema"),
            var other => throw new ValidationException($"response_format.type must be text, json_object or json_schema, not '{other}'"),
        };
    }

    private static string Prompt(JsonElement? prompt) => prompt switch
    {
        { ValueKind: JsonValueKind.String } one => one.GetString()!,
        { ValueKind: JsonValueKind.Array } many when many.GetArrayLength() == 1 && many[0].ValueKind == JsonValueKind.String => many[0].GetString()!,
        null or { ValueKind: JsonValueKind.Null } => throw new ValidationException("prompt is required"),
        _ => throw new ValidationException("prompt must be a string; several prompts and token arrays are not supported"),
    };

    /// <summary>
    /// Names the function of each tool message, which OpenAI identifies by the id of the call it answers: the name of
    /// that call in an earlier assistant message, or the message's own "name".
    /// </summary>
    private static List<OllamaMessage> WithToolNames(IReadOnlyList<OpenAiChatMessage> messages, List<OllamaMessage> converted)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.ToolCalls is { ValueKind: JsonValueKind.Array } calls)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    if (call.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                        && call.TryGetProperty("function", out var function) && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        names[id.GetString()!] = name.GetString()!;
                    }
                }
            }
            else if (converted[i].Role == "tool")
            {
                var toolName = message.Name ?? (message.ToolCallId is { } callId && names.TryGetValue(callId, out var called) ? called : null);
                converted[i] = converted[i] with { ToolName = toolName };
            }
        }

        return converted;
    }

    private static OllamaMessage Message(OpenAiChatMessage? message, int index)
    {
        if (message is null)
        {
            throw new ValidationException($"messages[{index}] must be an object");
        }

        // OpenAI's "developer" messages are the system messages of newer models.
        var role = message.Role == "developer" ? "system" : message.Role;
        var converted = message.Content switch
        {
            { ValueKind: JsonValueKind.String } text => new OllamaMessage { Role = role, Content = text.GetString() },
            { ValueKind: JsonValueKind.Array } parts => FromParts(role, parts, index),

            // An assistant turn that only called tools.
            null or { ValueKind: JsonValueKind.Null } when role == "assistant" => new OllamaMessage { Role = role, Content = "" },
            null or { ValueKind: JsonValueKind.Null } => throw new ValidationException($"messages[{index}].content is required"),
            _ => throw new ValidationException($"messages[{index}].content must be a string or an array of content parts"),
        };
        return message.ToolCalls is { ValueKind: not JsonValueKind.Null } calls ? converted with { ToolCalls = ToolCalls(calls, index) } : converted;
    }

    /// <summary>
    /// An assistant's tool calls in Ollama's shape: OpenAI's <c>{"id", "type": "function", "function": {"name",
    /// "arguments": "&lt;JSON text&gt;"}}</c> become <c>{"function": {"name", "arguments": {…}}}</c>.
    /// </summary>
    private static JsonElement ToolCalls(JsonElement calls, int index)
    {
        if (calls.ValueKind != JsonValueKind.Array)
        {
            throw new ValidationException($"messages[{index}].tool_calls must be an array");
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            var at = 0;
            foreach (var call in calls.EnumerateArray())
            {
                var where = $"messages[{index}].tool_calls[{at++}]";
                if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
                    || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    throw new ValidationException($"{where} must have a \"function\" with a \"name\"");
                }

                writer.WriteStartObject();
                writer.WriteStartObject("function");
                writer.WriteString("name", name.GetString());
                writer.WritePropertyName("arguments");
                Arguments(function, where).WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    private static JsonElement Arguments(JsonElement function, string where)
    {
        if (!function.TryGetProperty("arguments", out var arguments) || arguments.ValueKind == JsonValueKind.Null)
        {
            return JsonElement.Parse("{}");
        }

        if (arguments.ValueKind == JsonValueKind.Object)
        {
            return arguments;
        }

        try
        {
            return arguments.ValueKind == JsonValueKind.String && JsonElement.Parse(arguments.GetString()!) is { ValueKind: JsonValueKind.Object } parsed
                ? parsed
                : throw new ValidationException($"{where}.function.arguments must be a JSON object encoded as a string");
        }
        catch (JsonException error)
        {
            throw new ValidationException($"{where}.function.arguments is not valid JSON: {error.Message}", error);
        }
    }

    private static OllamaMessage FromParts(string? role, JsonElement parts, int index)
    {
        var texts = new List<string>();
        var images = new List<string>();
        var at = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var where = $"messages[{index}].content[{at++}]";
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                throw new ValidationException($"{where} must be an object with a \"type\"");
            }

            switch (type.GetString())
            {
                case "text":
                    texts.Add(part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                        ? text.GetString()!
                        : throw new ValidationException($"{where}.text must be a string"));
                    break;
                case "image_url":
                    images.Add(Image(part, where));
                    break;
                case var other:
                    throw new ValidationException($"{where} has type '{other}'; use \"text\" or \"image_url\"");
            }
        }

        return new OllamaMessage { Role = role, Content = string.Join('\n', texts), Images = images.Count > 0 ? images : null };
    }

    /// <summary>The image of an image_url part: a data URL's base64 payload, or the URL itself.</summary>
    private static string Image(JsonElement part, string where)
    {
        var url = part.TryGetProperty("image_url", out var image) ? image switch
        {
            { ValueKind: JsonValueKind.String } => image.GetString(),
            { ValueKind: JsonValueKind.Object } when image.TryGetProperty("url", out var inner) && inner.ValueKind == JsonValueKind.String => inner.GetString(),
            _ => null,
        } : null;
        if (string.IsNullOrEmpty(url))
        {
            throw new ValidationException($"{where}.image_url must have a \"url\"");
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        return url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && comma > 0 ? url[(comma + 1)..] : url;
    }

    private static void Check(bool valid, string message)
    {
        if (!valid)
        {
            throw new ValidationException(message);
        }
    }
}
