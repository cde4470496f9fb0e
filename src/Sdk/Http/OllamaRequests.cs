using System.Text.Json;
using Oprel.OllamaApi;

namespace Oprel.Http;

/// <summary>Builds the wire requests of the Ollama-style API from the SDK's arguments, checking them first.</summary>
internal static class OllamaRequests
{
    public static OllamaChatRequest Chat(string model, IEnumerable<Message> messages, bool stream, GenerationOptions? options, string? format, string? keepAlive)
    {
        RequireModel(model);
        ArgumentNullException.ThrowIfNull(messages);
        return new OllamaChatRequest
        {
            Model = model,
            Messages = messages.Select(ToWire).ToArray(),
            Stream = stream,
            Options = options?.ToWire(),
            Format = Format(format),
            KeepAlive = KeepAlive(keepAlive),
        };
    }

    public static OllamaGenerateRequest Generate(string model, string prompt, bool stream, GenerationOptions? options, string? system, string? format, string? keepAlive)
    {
        RequireModel(model);
        ArgumentNullException.ThrowIfNull(prompt);
        return new OllamaGenerateRequest
        {
            Model = model,
            Prompt = prompt,
            System = system,
            Stream = stream,
            Options = options?.ToWire(),
            Format = Format(format),
            KeepAlive = KeepAlive(keepAlive),
        };
    }

    public static OllamaModelRequest Model(string model) => new() { Model = RequireModel(model) };

    public static OllamaPullRequest Pull(string model, bool stream) => new() { Model = RequireModel(model), Stream = stream };

    public static OllamaCreateRequest Create(string model, string modelfile, bool stream)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelfile);
        return new OllamaCreateRequest { Model = RequireModel(model), Modelfile = modelfile, Stream = stream };
    }

    public static OllamaMessage ToWire(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new OllamaMessage
        {
            Role = message.Role,
            Content = message.Content,
            Images = message.Images,
            ToolCalls = message.ToolCalls is { Count: > 0 } calls
                ? JsonSerializer.SerializeToElement(calls.ToArray(), Json.SdkJsonContext.Default.ToolCallArray)
                : null,
        };
    }

    private static string RequireModel(string model) =>
        string.IsNullOrWhiteSpace(model) ? throw new ValidationException("A model name is required.") : model;

    private static JsonElement? Format(string? format) =>
        format is null ? null : format.TrimStart().StartsWith('{') ? ParseJson(format, "format") : JsonSerializer.SerializeToElement(format, Json.SdkJsonContext.Default.String);

    private static JsonElement? KeepAlive(string? keepAlive) =>
        keepAlive is null ? null : JsonSerializer.SerializeToElement(keepAlive, Json.SdkJsonContext.Default.String);

    private static JsonElement ParseJson(string json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException error)
        {
            throw new ValidationException($"{what} is not valid JSON: {error.Message}", error);
        }
    }
}
