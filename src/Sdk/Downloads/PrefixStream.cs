namespace Oprel.Downloads;

/// <summary>
/// A read-only, seekable view of the first bytes of a remote file that reports the whole file's length, so that
/// <see cref="Gguf.GgufReader"/> can read a header from a Range request without the tensor data. Reads past the
/// prefix return nothing, which the reader reports as a truncated file.
/// </summary>
internal sealed class PrefixStream(byte[] prefix, int count, long declaredLength) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => declaredLength;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= count)
        {
            return 0;
        }

        var available = (int)Math.Min(buffer.Length, count - _position);
        prefix.AsSpan((int)_position, available).CopyTo(buffer);
        _position += available;
        return available;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => declaredLength + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
