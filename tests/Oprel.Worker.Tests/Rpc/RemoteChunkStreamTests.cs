using Oprel.Rpc;
using StreamJsonRpc;

namespace Oprel.Worker.Tests.Rpc;

/// <summary>How the supervisor puts a generation back together from the worker's chunk notifications and the request's result.</summary>
public sealed class RemoteChunkStreamTests
{
    [Fact]
    public async Task End_BeforeTheChunksItCounts_TheLastChunkWaitsForThem()
    {
        var stream = new RemoteChunkStream();
        stream.End(Task.FromResult(new GenerationChunk { Done = true, GeneratedTokens = 2, ChunksBefore = 2 }));
        Assert.False(stream.Reader.TryRead(out _));

        stream.Deliver(new GenerationChunk { Text = "a" });
        stream.Deliver(new GenerationChunk { Text = "b" });

        var chunks = await ReadAllAsync(stream);
        Assert.Equal(["a", "b", ""], chunks.Select(c => c.Text));
        Assert.True(chunks[^1].Done);
        Assert.Equal(0, chunks[^1].ChunksBefore);
    }

    [Fact]
    public async Task End_AfterTheChunks_CompletesAtOnce()
    {
        var stream = new RemoteChunkStream();
        stream.Deliver(new GenerationChunk { Text = "a" });
        stream.End(Task.FromResult(new GenerationChunk { Done = true, ChunksBefore = 1 }));

        var chunks = await ReadAllAsync(stream);
        Assert.Equal(2, chunks.Count);
        stream.ThrowIfFailed();
    }

    [Fact]
    public async Task End_WithAnError_TheReaderGetsTheChunksThenTheSameException()
    {
        var stream = new RemoteChunkStream();
        stream.Deliver(new GenerationChunk { Text = "a" });
        var error = new RemoteInvocationException("llama.cpp failed", RpcErrorCodes.Backend, errorData: "");
        stream.End(Task.FromException<GenerationChunk>(error));

        var chunks = await ReadAllAsync(stream);
        Assert.Equal("a", Assert.Single(chunks).Text);
        Assert.Same(error, Assert.Throws<RemoteInvocationException>(stream.ThrowIfFailed));
    }

    [Fact]
    public async Task End_Cancelled_FailsWithOperationCanceled()
    {
        var stream = new RemoteChunkStream();
        stream.End(Task.FromCanceled<GenerationChunk>(new CancellationToken(canceled: true)));

        Assert.Empty(await ReadAllAsync(stream));
        Assert.ThrowsAny<OperationCanceledException>(stream.ThrowIfFailed);
    }

    [Fact]
    public async Task End_WithChunksThatNeverCome_FailsInsteadOfWaitingForever()
    {
        var stream = new RemoteChunkStream(TimeSpan.FromMilliseconds(50));
        stream.Deliver(new GenerationChunk { Text = "a" });
        stream.End(Task.FromResult(new GenerationChunk { Done = true, ChunksBefore = 3 }));

        var chunks = await ReadAllAsync(stream);
        Assert.Equal("a", Assert.Single(chunks).Text);
        var error = Assert.Throws<BackendException>(stream.ThrowIfFailed);
        Assert.Contains("lost 2 of its 3 chunks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deliver_AfterTheStreamEnded_IsIgnored()
    {
        var stream = new RemoteChunkStream();
        stream.End(Task.FromException<GenerationChunk>(new ConnectionLostException()));
        stream.Deliver(new GenerationChunk { Text = "late" });

        Assert.False(stream.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Fail_WhileWaitingForChunks_EndsAtOnceWithTheError_AndALaterEndIsIgnored()
    {
        var stream = new RemoteChunkStream();
        stream.Deliver(new GenerationChunk { Text = "a" });
        stream.End(Task.FromResult(new GenerationChunk { Done = true, ChunksBefore = 3 }));

        stream.Fail(new BackendException("The worker's token pipe broke: out of step."));
        stream.End(Task.FromResult(new GenerationChunk { Done = true, ChunksBefore = 1 }));

        var chunks = await ReadAllAsync(stream);
        Assert.Equal("a", Assert.Single(chunks).Text);
        var error = Assert.Throws<BackendException>(stream.ThrowIfFailed);
        Assert.Contains("token pipe broke", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_AfterTheStreamCompleted_ChangesNothing()
    {
        var stream = new RemoteChunkStream();
        stream.Deliver(new GenerationChunk { Text = "a" });
        stream.End(Task.FromResult(new GenerationChunk { Done = true, ChunksBefore = 1 }));
        stream.Fail(new BackendException("too late"));

        var chunks = await ReadAllAsync(stream);
        Assert.Equal(["a", ""], chunks.Select(c => c.Text));
        stream.ThrowIfFailed();
    }

    private static async Task<List<GenerationChunk>> ReadAllAsync(RemoteChunkStream stream)
    {
        var chunks = new List<GenerationChunk>();
        await foreach (var chunk in stream.Reader.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}
