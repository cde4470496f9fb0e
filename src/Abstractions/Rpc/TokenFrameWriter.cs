namespace Oprel.Rpc;

/// <summary>
/// The worker's end of the token pipe. A chunk is written at once, with one synchronous write, on the thread that
/// produced it (the decode thread): no serializer, no thread to wake and no event-loop registration, which on a small
/// machine would each take time from llama.cpp's threads for every token.
/// </summary>
internal sealed class TokenFrameWriter(Stream destination)
{
    private readonly Lock _gate = new();
    private byte[] _buffer = new byte[4096];

    public void Write(long stream, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            var needed = TokenFrame.MaxSize(text);
            if (_buffer.Length < needed)
            {
                _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
            }

            var size = TokenFrame.Encode(stream, text, _buffer);
            destination.Write(_buffer, 0, size);
        }
    }
}
