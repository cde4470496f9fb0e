using System.Text;
using Microsoft.AspNetCore.Http;
using Oprel.Json;
using Oprel.OpenAiApi;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>
/// Answers a completion request from the pieces of its generation: one object, or server-sent events ending with
/// <c>data: [DONE]</c>. An error before the first piece gets its status and OpenAI's error body; an error
/// mid-stream becomes a last <c>data: {"error": …}</c> event.
/// </summary>
internal static class OpenAiResults
{
    public static async Task WriteAsync(HttpContext context, IAsyncEnumerable<CompletionPiece> pieces, bool stream, bool includeUsage, ICompletionFormat format)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(format);
        var cancellationToken = context.RequestAborted;
        await using var enumerator = pieces.GetAsyncEnumerator(cancellationToken);
        bool hasFirst;
        try
        {
            hasFirst = await enumerator.MoveNextAsync();
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await OpenAiErrors.WriteAsync(context, error);
            return;
        }

        if (!hasFirst)
        {
            await OpenAiErrors.WriteAsync(context, new BackendException("the model produced no answer"));
            return;
        }

        if (stream)
        {
            await StreamAsync(context, enumerator, includeUsage, format);
        }
        else
        {
            await WholeAsync(context, enumerator, format);
        }
    }

    private static async Task WholeAsync(HttpContext context, IAsyncEnumerator<CompletionPiece> enumerator, ICompletionFormat format)
    {
        var cancellationToken = context.RequestAborted;
        var text = new StringBuilder();
        var last = enumerator.Current;
        IReadOnlyList<OpenAiToolCall>? toolCalls = null;
        try
        {
            do
            {
                last = enumerator.Current;
                text.Append(last.Text);
                toolCalls ??= last.ToolCalls;
            }
            while (await enumerator.MoveNextAsync());
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await OpenAiErrors.WriteAsync(context, error);
            return;
        }

        await format.WriteWholeAsync(context.Response, text.ToString(), toolCalls, last.FinishReason ?? "stop", last.Usage ?? new OpenAiUsage(), cancellationToken);
    }

    private static async Task StreamAsync(HttpContext context, IAsyncEnumerator<CompletionPiece> enumerator, bool includeUsage, ICompletionFormat format)
    {
        var cancellationToken = context.RequestAborted;
        var events = new ServerSentEventWriter(context.Response);
        await events.StartAsync(cancellationToken);
        var first = true;
        OpenAiUsage? usage = null;
        try
        {
            do
            {
                var piece = enumerator.Current;
                if (first || piece.Text.Length > 0 || piece.ToolCalls is not null)
                {
                    await format.WriteDeltaAsync(events, piece.Text, piece.ToolCalls, first, cancellationToken);
                    first = false;
                }

                if (piece.FinishReason is { } reason)
                {
                    await format.WriteFinishAsync(events, reason, cancellationToken);
                    usage = piece.Usage;
                }
            }
            while (await enumerator.MoveNextAsync());
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await events.WriteAsync(OpenAiErrors.For(error), OprelJsonContext.Default.OpenAiErrorResponse, CancellationToken.None);
            return;
        }

        if (includeUsage)
        {
            await format.WriteUsageAsync(events, usage ?? new OpenAiUsage(), cancellationToken);
        }

        await events.WriteDoneAsync(cancellationToken);
    }
}
