using System.Text.Json;
using Oprel.OllamaApi;
using Oprel.OpenAiApi;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>
/// A piece of a generation as both OpenAI endpoints see it: text, the tool calls of a chat's last piece, and on the
/// last piece why it ended and how many tokens it took.
/// </summary>
internal sealed record CompletionPiece(string Text, string? FinishReason = null, OpenAiUsage? Usage = null)
{
    /// <summary>The functions the model called (on a chat's last piece only), or null.</summary>
    public IReadOnlyList<OpenAiToolCall>? ToolCalls { get; init; }

    public static CompletionPiece From(OllamaChatResponse chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var piece = From(chunk.Message.Content ?? "", chunk);
        if (ToOpenAi(chunk.Message.ToolCalls) is not { } calls)
        {
            return piece;
        }

        return piece with { ToolCalls = calls, FinishReason = piece.FinishReason is null ? null : "tool_calls" };
    }

    public static CompletionPiece From(OllamaGenerateResponse chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return From(chunk.Response, chunk);
    }

    private static CompletionPiece From(string text, OllamaCompletionStats chunk)
    {
        if (!chunk.Done)
        {
            return new CompletionPiece(text);
        }

        var prompt = chunk.PromptEvalCount ?? 0;
        var completion = chunk.EvalCount ?? 0;
        return new CompletionPiece(
            text,
            chunk.DoneReason == "length" ? "length" : "stop",
            new OpenAiUsage { PromptTokens = prompt, CompletionTokens = completion, TotalTokens = prompt + completion });
    }

    /// <summary>Ollama's <c>[{"id", "function": {"name", "arguments": {…}}}]</c> as OpenAI's calls, whose arguments are JSON text.</summary>
    private static List<OpenAiToolCall>? ToOpenAi(JsonElement? toolCalls)
    {
        if (toolCalls is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
        {
            return null;
        }

        var calls = new List<OpenAiToolCall>();
        foreach (var call in array.EnumerateArray())
        {
            var function = call.GetProperty("function");
            calls.Add(new OpenAiToolCall
            {
                Id = call.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : $"call_{Guid.NewGuid():N}",
                Function = new OpenAiFunctionCall
                {
                    Name = function.GetProperty("name").GetString()!,
                    Arguments = function.TryGetProperty("arguments", out var arguments) ? arguments.GetRawText() : "{}",
                },
            });
        }

        return calls;
    }
}
