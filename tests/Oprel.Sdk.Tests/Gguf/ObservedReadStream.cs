namespace Oprel.Sdk.Tests.Gguf;

/// <summary>
/// A read-only wrapper that counts the bytes read, can hide that the inner stream seeks, and can hand out at most
/// <paramref name="maxBytesPerRead"/> bytes per read like a network stream.
/// </summary>
internal sealed class ObservedReadStream(Stream inner, bool canSeek, int maxBytesPerRead = int.MaxValue) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => canSeek;

    public override bool CanWrite => false;

    public override long Length => canSeek ? inner.Length : throw new NotSupportedException();

    public override long Position
    {
        get => canSeek ? inner.Position : throw new NotSupportedException();
        set => inner.Position = canSeek ? value : throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer[..Math.Min(buffer.Length, maxBytesPerRead)]);
        BytesRead += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) =>
        canSeek ? inner.Seek(offset, origin) : throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
