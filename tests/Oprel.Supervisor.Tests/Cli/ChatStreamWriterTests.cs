using System.Runtime.CompilerServices;
using Oprel.OllamaApi;
using Oprel.Supervisor.Cli;

namespace Oprel.Supervisor.Tests.Cli;

public sealed class ChatStreamWriterTests
{
    [Fact]
    public async Task WriteAsync_Chunks_WritesContentAndReturnsTheFinalChunk()
    {
        using var output = new StringWriter();

        var result = await ChatStreamWriter.WriteAsync(
            Stream(Chunk("Once"), Chunk(" upon"), Chunk(" a time", done: true)), output, CancellationToken.None);

        Assert.Equal("Once upon a time", output.ToString());
        Assert.Equal("Once upon a time", result.Content);
        Assert.True(result.Final.Done);
    }

    [Fact]
    public async Task WriteAsync_FailureAfterText_EndsTheLineAndRethrows()
    {
        using var output = new StringWriter();

        await Assert.ThrowsAsync<OprelException>(() => ChatStreamWriter.WriteAsync(Failing(Chunk("Once")), output, CancellationToken.None));

        Assert.Equal("Once" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public async Task WriteAsync_NoFinalChunk_Throws()
    {
        using var output = new StringWriter();

        await Assert.ThrowsAsync<OprelException>(() => ChatStreamWriter.WriteAsync(Stream(Chunk("Once")), output, CancellationToken.None));
    }

    private static OllamaChatResponse Chunk(string content, bool done = false) => new()
    {
        Model = "tiny",
        CreatedAt = DateTime.UnixEpoch,
        Message = new OllamaMessage { Role = "assistant", Content = content },
        Done = done,
    };

    private static async IAsyncEnumerable<OllamaChatResponse> Stream(params OllamaChatResponse[] chunks)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            yield return chunk;
        }
    }

    private static async IAsyncEnumerable<OllamaChatResponse> Failing(OllamaChatResponse first, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return first;
        cancellationToken.ThrowIfCancellationRequested();
        throw new OprelException("the worker for 'tiny' exited");
    }
}
