using Oprel.OllamaApi;
using Oprel.OpenAiApi;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>
/// A piece of a generation as both OpenAI endpoints see it: text, and on the last piece why it ended and how many
/// tokens it took.
/// </summary>
internal sealed record CompletionPiece(string Text, string? FinishReason = null, OpenAiUsage? Usage = null)
{
    public static CompletionPiece From(OllamaChatResponse chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return From(chunk.Message.Content ?? "", chunk);
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
}
