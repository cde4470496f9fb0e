using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Oprel.Json;
using Oprel.OpenAiApi;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>/v1/chat/completions: a "chat.completion", or "chat.completion.chunk" events whose first delta names the role.</summary>
internal sealed class ChatCompletionFormat(string id, long created, string model) : ICompletionFormat
{
    private const string Assistant = "assistant";

    public async Task WriteWholeAsync(
        HttpResponse response, string text, IReadOnlyList<OpenAiToolCall>? toolCalls, string finishReason, OpenAiUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var completion = new OpenAiChatCompletion
        {
            Id = id,
            Created = created,
            Model = model,
            SystemFingerprint = OpenAiIds.SystemFingerprint,
            Choices = [new OpenAiChatChoice { Message = new OpenAiAssistantMessage { Role = Assistant, Content = text, ToolCalls = toolCalls }, FinishReason = finishReason }],
            Usage = usage,
        };
        response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, completion, OprelJsonContext.Default.OpenAiChatCompletion, cancellationToken);
    }

    public Task WriteDeltaAsync(ServerSentEventWriter events, string text, IReadOnlyList<OpenAiToolCall>? toolCalls, bool first, CancellationToken cancellationToken)
    {
        // A stream's tool calls carry their index, so that a client can tell which call a delta extends.
        var delta = new OpenAiAssistantMessage
        {
            Role = first ? Assistant : null,
            Content = toolCalls is not null && text.Length == 0 ? null : text,
            ToolCalls = toolCalls?.Select((call, index) => call with { Index = index }).ToList(),
        };
        return WriteChunkAsync(events, [new OpenAiChatChunkChoice { Delta = delta }], null, cancellationToken);
    }

    public Task WriteFinishAsync(ServerSentEventWriter events, string finishReason, CancellationToken cancellationToken) =>
        WriteChunkAsync(events, [new OpenAiChatChunkChoice { Delta = new OpenAiAssistantMessage(), FinishReason = finishReason }], null, cancellationToken);

    public Task WriteUsageAsync(ServerSentEventWriter events, OpenAiUsage usage, CancellationToken cancellationToken) =>
        WriteChunkAsync(events, [], usage, cancellationToken);

    private Task WriteChunkAsync(ServerSentEventWriter events, IReadOnlyList<OpenAiChatChunkChoice> choices, OpenAiUsage? usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var chunk = new OpenAiChatCompletionChunk
        {
            Id = id,
            Created = created,
            Model = model,
            SystemFingerprint = OpenAiIds.SystemFingerprint,
            Choices = choices,
            Usage = usage,
        };
        return events.WriteAsync(chunk, OprelJsonContext.Default.OpenAiChatCompletionChunk, cancellationToken);
    }
}
