using System.Buffers.Binary;
using System.Text;

namespace Oprel.Rpc;

/// <summary>
/// The layout of one frame on a worker's token pipe: the payload's length (int32, little-endian), the generation's
/// stream id (int64), then the chunk's text in UTF-8. Each frame is one chunk of a generation, not its last.
/// </summary>
internal static class TokenFrame
{
    /// <summary>Bytes before the text: the length and the stream id.</summary>
    public const int HeaderSize = sizeof(int) + sizeof(long);

    /// <summary>The largest payload a reader accepts; anything larger means the pipe is out of step.</summary>
    public const int MaxPayloadSize = 16 * 1024 * 1024;

    /// <summary>The most bytes a frame of <paramref name="text"/> can take.</summary>
    public static int MaxSize(string text) => HeaderSize + Encoding.UTF8.GetMaxByteCount(text.Length);

    /// <summary>Writes the frame into <paramref name="destination"/> (at least <see cref="MaxSize"/> bytes); returns its size.</summary>
    public static int Encode(long stream, string text, Span<byte> destination)
    {
        var textBytes = Encoding.UTF8.GetBytes(text, destination[HeaderSize..]);
        BinaryPrimitives.WriteInt32LittleEndian(destination, sizeof(long) + textBytes);
        BinaryPrimitives.WriteInt64LittleEndian(destination[sizeof(int)..], stream);
        return HeaderSize + textBytes;
    }

    /// <summary>
    /// Reads the frame at the start of <paramref name="source"/>, if it is all there: returns its size, or 0 when more
    /// bytes are needed. Throws <see cref="InvalidDataException"/> for a length no writer would send.
    /// </summary>
    public static int TryDecode(ReadOnlySpan<byte> source, out long stream, out string text)
    {
        stream = 0;
        text = "";
        if (source.Length < sizeof(int))
        {
            return 0;
        }

        var payload = BinaryPrimitives.ReadInt32LittleEndian(source);
        if (payload is < sizeof(long) or > MaxPayloadSize)
        {
            throw new InvalidDataException($"A token frame says its payload has {payload} bytes; the pipe is out of step.");
        }

        var size = sizeof(int) + payload;
        if (source.Length < size)
        {
            return 0;
        }

        stream = BinaryPrimitives.ReadInt64LittleEndian(source[sizeof(int)..]);
        text = Encoding.UTF8.GetString(source[HeaderSize..size]);
        return size;
    }
}
