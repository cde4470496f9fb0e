using Microsoft.AspNetCore.Http;
using Oprel.OpenAiApi;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>How one OpenAI endpoint shapes a generation: as one object, or as the chunks of a stream.</summary>
internal interface ICompletionFormat
{
    /// <summary>The whole answer, without streaming; <paramref name="toolCalls"/> are the functions a chat model called, or null.</summary>
    Task WriteWholeAsync(
        HttpResponse response, string text, IReadOnlyList<OpenAiToolCall>? toolCalls, string finishReason, OpenAiUsage usage, CancellationToken cancellationToken);

    /// <summary>A chunk with more text (or a chat's tool calls); <paramref name="first"/> on the stream's first chunk.</summary>
    Task WriteDeltaAsync(ServerSentEventWriter events, string text, IReadOnlyList<OpenAiToolCall>? toolCalls, bool first, CancellationToken cancellationToken);

    /// <summary>The chunk that says why the generation ended.</summary>
    Task WriteFinishAsync(ServerSentEventWriter events, string finishReason, CancellationToken cancellationToken);

    /// <summary>The chunk with no choices and the usage, for "stream_options": {"include_usage": true}.</summary>
    Task WriteUsageAsync(ServerSentEventWriter events, OpenAiUsage usage, CancellationToken cancellationToken);
}
