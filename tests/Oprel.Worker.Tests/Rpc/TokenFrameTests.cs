using System.Threading.Channels;
using Nerdbank.Streams;
using Oprel.Rpc;

namespace Oprel.Worker.Tests.Rpc;

/// <summary>The token pipe's frames: what the worker writes is what the supervisor reads, however the bytes arrive.</summary>
public sealed class TokenFrameTests
{
    [Fact]
    public void EncodeThenDecode_GivesBackTheStreamAndText()
    {
        var buffer = new byte[TokenFrame.MaxSize("héllo 🦊")];
        var size = TokenFrame.Encode(42, "héllo 🦊", buffer);

        Assert.Equal(size, TokenFrame.TryDecode(buffer.AsSpan(0, size), out var stream, out var text));
        Assert.Equal(42, stream);
        Assert.Equal("héllo 🦊", text);
    }

    [Fact]
    public void TryDecode_APartFrame_AsksForMore()
    {
        var buffer = new byte[TokenFrame.MaxSize("token")];
        var size = TokenFrame.Encode(1, "token", buffer);

        for (var part = 0; part < size; part++)
        {
            Assert.Equal(0, TokenFrame.TryDecode(buffer.AsSpan(0, part), out _, out _));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    [InlineData(TokenFrame.MaxPayloadSize + 1)]
    public void TryDecode_ALengthNoWriterSends_Throws(int payload)
    {
        var buffer = new byte[TokenFrame.HeaderSize];
        BitConverter.TryWriteBytes(buffer, payload);

        Assert.Throws<InvalidDataException>(() => TokenFrame.TryDecode(buffer, out _, out _));
    }

    [Fact]
    public async Task Reader_GetsEveryFrameTheWriterSent_InOrder_ThenEndsWithThePipe()
    {
        var (workerEnd, supervisorEnd) = FullDuplexStream.CreatePair();
        var received = Channel.CreateUnbounded<(long Stream, string Text)>();
        var ended = TokenFrameReader.Start(supervisorEnd, (stream, text) => received.Writer.TryWrite((stream, text)), "test-tokens");
        var writer = new TokenFrameWriter(workerEnd);

        var sent = Enumerable.Range(0, 2000).Select(i => (Stream: (long)(i % 3), Text: i % 100 == 0 ? new string('x', 70_000) : $" t{i}")).ToList();
        foreach (var (stream, text) in sent)
        {
            writer.Write(stream, text);
        }

        await workerEnd.DisposeAsync();
        await ended.WaitAsync(TimeSpan.FromSeconds(10));
        received.Writer.Complete();
        Assert.Equal(sent, await received.Reader.ReadAllAsync().ToListAsync());
    }

    [Fact]
    public async Task Reader_BytesThatAreNotAFrame_FaultsInsteadOfDeliveringThem()
    {
        var (workerEnd, supervisorEnd) = FullDuplexStream.CreatePair();
        var delivered = 0;
        var ended = TokenFrameReader.Start(supervisorEnd, (_, _) => Interlocked.Increment(ref delivered), "test-tokens");

        await workerEnd.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        await workerEnd.FlushAsync();

        await Assert.ThrowsAsync<InvalidDataException>(() => ended.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, delivered);
        await workerEnd.DisposeAsync();
    }
}
