using System.Text;
using Oprel.OllamaApi;

namespace Oprel.Supervisor.Cli;

/// <summary>Writes a streamed chat answer to the console as it arrives.</summary>
internal static class ChatStreamWriter
{
    /// <summary>
    /// Writes each chunk's message content to <paramref name="output"/> and flushes it at once. When the stream fails or
    /// is cancelled after some text, ends the line first so that what follows starts on a line of its own.
    /// </summary>
    public static async Task<ChatTurnResult> WriteAsync(
        IAsyncEnumerable<OllamaChatResponse> stream, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(output);
        var content = new StringBuilder();
        try
        {
            await foreach (var chunk in stream.WithCancellation(cancellationToken))
            {
                if (chunk.Message.Content is { Length: > 0 } text)
                {
                    content.Append(text);
                    await output.WriteAsync(text.AsMemory(), cancellationToken);
                    await output.FlushAsync(cancellationToken);
                }

                if (chunk.Done)
                {
                    return new ChatTurnResult(content.ToString(), chunk);
                }
            }
        }
        catch (Exception) when (content.Length > 0)
        {
            await output.WriteLineAsync();
            await output.FlushAsync(CancellationToken.None);
            throw;
        }

        throw new OprelException("the Oprel server ended the answer before it was done");
    }
}
