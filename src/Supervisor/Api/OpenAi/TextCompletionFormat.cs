using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Oprel.Json;
using Oprel.OpenAiApi;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>/v1/completions: a "text_completion", or "text_completion" events with a piece of text each.</summary>
internal sealed class TextCompletionFormat(string id, long created, string model) : ICompletionFormat
{
    /// <remarks>A completion has no tools, so <paramref name="toolCalls"/> is always null.</remarks>
    public async Task WriteWholeAsync(
        HttpResponse response, string text, IReadOnlyList<OpenAiToolCall>? toolCalls, string finishReason, OpenAiUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(
            response.Body, Completion([new OpenAiCompletionChoice { Text = text, FinishReason = finishReason }], usage), OprelJsonContext.Default.OpenAiCompletion, cancellationToken);
    }

    /// <remarks>A completion has no tools, so <paramref name="toolCalls"/> is always null.</remarks>
    public Task WriteDeltaAsync(ServerSentEventWriter events, string text, IReadOnlyList<OpenAiToolCall>? toolCalls, bool first, CancellationToken cancellationToken) =>
        WriteChunkAsync(events, Completion([new OpenAiCompletionChoice { Text = text }], null), cancellationToken);

    public Task WriteFinishAsync(ServerSentEventWriter events, string finishReason, CancellationToken cancellationToken) =>
        WriteChunkAsync(events, Completion([new OpenAiCompletionChoice { Text = "", FinishReason = finishReason }], null), cancellationToken);

    public Task WriteUsageAsync(ServerSentEventWriter events, OpenAiUsage usage, CancellationToken cancellationToken) =>
        WriteChunkAsync(events, Completion([], usage), cancellationToken);

    private static Task WriteChunkAsync(ServerSentEventWriter events, OpenAiCompletion chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.WriteAsync(chunk, OprelJsonContext.Default.OpenAiCompletion, cancellationToken);
    }

    private OpenAiCompletion Completion(IReadOnlyList<OpenAiCompletionChoice> choices, OpenAiUsage? usage) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        SystemFingerprint = OpenAiIds.SystemFingerprint,
        Choices = choices,
        Usage = usage,
    };
}
