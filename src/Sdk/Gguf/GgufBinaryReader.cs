using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Oprel.Gguf;

/// <summary>
/// Reads little-endian GGUF primitives through its own buffer, tracking the offset from the start of the file and, when
/// the stream can seek, how many bytes are left, so that every length and count is checked before anything is
/// allocated. Every problem, running out of bytes included, is a <see cref="GgufFormatException"/> that names the
/// offset and <see cref="Context"/>.
/// </summary>
internal sealed class GgufBinaryReader
{
    private const int MaxBufferSize = 64 * 1024;

    private const int MinBufferSize = 64;

    /// <summary>Arrays start this large at most and grow only as their items are actually read.</summary>
    private const int InitialArrayCapacity = 64 * 1024;

    /// <summary>Strings longer than the buffer start in pooled memory this large at most.</summary>
    private const int InitialLongStringBytes = 1024 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private long _bufferOffset;
    private int _start;
    private int _end;

    /// <param name="stream">The file, positioned at its first byte.</param>
    /// <param name="length">The file's length in bytes, or null when the stream cannot tell.</param>
    public GgufBinaryReader(Stream stream, long? length)
    {
        _stream = stream;
        Length = length;
        _buffer = new byte[length is { } known ? Math.Clamp(known, MinBufferSize, MaxBufferSize) : MaxBufferSize];
    }

    /// <summary>The file's length, or null for a stream that cannot seek.</summary>
    public long? Length { get; }

    /// <summary>Offset from the start of the file of the next byte to read.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>Bytes between <see cref="Position"/> and the end of the file, or null when unknown.</summary>
    public long? Remaining => Length is { } length ? Math.Max(0, length - Position) : null;

    /// <summary>What is being read, for error messages, e.g. "metadata 'general.name'".</summary>
    public string Context { get; set; } = "the file header";

    public GgufFormatException Error(long offset, string problem) => new($"GGUF: {problem} (reading {Context})", offset);

    public byte ReadByte(string what) => Take(sizeof(byte), what)[0];

    public ushort ReadUInt16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(sizeof(ushort), what));

    public uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(sizeof(uint), what));

    public ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(sizeof(ulong), what));

    public float ReadSingle(string what) => BinaryPrimitives.ReadSingleLittleEndian(Take(sizeof(float), what));

    public double ReadDouble(string what) => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double), what));

    /// <summary>Reads a GGUF string: uint64 byte length, then that many bytes of UTF-8.</summary>
    public string ReadString()
    {
        var offset = Position;
        var length = ReadUInt64("a string length");
        if (Remaining is { } left && length > (ulong)left)
        {
            throw Error(offset, $"string length {length} at offset {offset} exceeds the {left} bytes left in the file");
        }

        if (length > GgufFormat.MaxStringBytes)
        {
            throw Error(
                offset,
                $"string length {length} at offset {offset} exceeds the limit of {GgufFormat.MaxStringBytes} bytes");
        }

        if (length == 0)
        {
            return string.Empty;
        }

        var byteCount = (int)length;
        var bytesOffset = Position;
        return byteCount <= _buffer.Length
            ? Decode(Take(byteCount, "a string"), offset, bytesOffset)
            : ReadLongString(byteCount, offset, bytesOffset);
    }

    /// <summary>Reads <paramref name="count"/> fixed-size little-endian values into a new array.</summary>
    public T[] ReadValues<T>(int count, string what)
        where T : unmanaged
    {
        var offset = Position;
        var values = new T[Math.Min(count, InitialArrayCapacity)];
        var filled = 0;
        while (true)
        {
            ReadExactly(MemoryMarshal.AsBytes(values.AsSpan(filled)), what, offset);
            filled = values.Length;
            if (filled == count)
            {
                break;
            }

            Array.Resize(ref values, (int)Math.Min(2L * filled, count));
        }

        ToHostByteOrder(values.AsSpan());
        return values;
    }

    /// <summary>
    /// Checks an item count read at <paramref name="offset"/> against <paramref name="limit"/> and, when the length
    /// of the file is known, against the bytes left given that each item takes at least
    /// <paramref name="minimumItemBytes"/>.
    /// </summary>
    public void CheckCount(ulong count, int minimumItemBytes, int limit, string what, long offset)
    {
        if (Remaining is { } left && count > (ulong)(left / minimumItemBytes))
        {
            throw Error(
                offset,
                $"{what} {count} at offset {offset} needs at least {(UInt128)count * (uint)minimumItemBytes} bytes but only {left} bytes are left in the file");
        }

        if (count > (ulong)limit)
        {
            throw Error(offset, $"{what} {count} at offset {offset} exceeds the limit of {limit}");
        }
    }

    /// <summary>
    /// Reads and discards bytes up to <paramref name="offset"/> (for streams that cannot seek) and returns the offset
    /// reached, which is less than <paramref name="offset"/> when the file ends first.
    /// </summary>
    public long SkipTo(long offset)
    {
        while (Position < offset)
        {
            if (_start == _end && !Fill(1))
            {
                break;
            }

            _start += (int)Math.Min(_end - _start, offset - Position);
        }

        return Position;
    }

    /// <summary>
    /// Reads a string longer than the buffer into pooled memory that grows only as bytes actually arrive, so a
    /// stream that cannot seek and claims a long string it does not hold costs little.
    /// </summary>
    private string ReadLongString(int byteCount, long stringOffset, long bytesOffset)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Min(byteCount, InitialLongStringBytes));
        try
        {
            var filled = 0;
            while (true)
            {
                var chunk = Math.Min(byteCount, bytes.Length) - filled;
                ReadExactly(bytes.AsSpan(filled, chunk), "a string", bytesOffset);
                filled += chunk;
                if (filled == byteCount)
                {
                    return Decode(bytes.AsSpan(0, byteCount), stringOffset, bytesOffset);
                }

                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * bytes.Length, byteCount));
                bytes.AsSpan(0, filled).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(bytes);
                bytes = larger;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private string Decode(ReadOnlySpan<byte> bytes, long stringOffset, long bytesOffset)
    {
        try
        {
            return GgufFormat.StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var badByteOffset = bytesOffset + Math.Max(ex.Index, 0);
            throw new GgufFormatException(
                $"GGUF: the string at offset {stringOffset} is not valid UTF-8 (bad byte at offset {badByteOffset}) (reading {Context})",
                badByteOffset,
                ex);
        }
    }

    /// <summary>Returns the next <paramref name="count"/> (at most the buffer's length) bytes and moves past them.</summary>
    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (_end - _start < count && !Fill(count))
        {
            throw Truncated(what, Position, count);
        }

        var span = _buffer.AsSpan(_start, count);
        _start += count;
        return span;
    }

    private void ReadExactly(Span<byte> destination, string what, long itemOffset)
    {
        var fromBuffer = Math.Min(_end - _start, destination.Length);
        _buffer.AsSpan(_start, fromBuffer).CopyTo(destination);
        _start += fromBuffer;
        var rest = destination[fromBuffer..];
        if (rest.IsEmpty)
        {
            return;
        }

        var needed = Position - itemOffset + rest.Length;
        if (rest.Length < _buffer.Length)
        {
            if (!Fill(rest.Length))
            {
                throw Truncated(what, itemOffset, needed);
            }

            _buffer.AsSpan(0, rest.Length).CopyTo(rest);
            _start = rest.Length;
            return;
        }

        var read = _stream.ReadAtLeast(rest, rest.Length, throwOnEndOfStream: false);
        _bufferOffset += read;
        if (read < rest.Length)
        {
            throw Truncated(what, itemOffset, needed);
        }
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available in the buffer; false at the end of the file.</summary>
    private bool Fill(int count)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        while (_end < count)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }

    /// <summary>The file ended (at the end of the buffered bytes) before the bytes of an item.</summary>
    private GgufFormatException Truncated(string what, long itemOffset, long itemBytes) =>
        Error(itemOffset, $"unexpected end of file at offset {_bufferOffset + _end}: {what} at offset {itemOffset} needs {itemBytes} bytes");

    private static void ToHostByteOrder<T>(Span<T> values)
        where T : unmanaged
    {
        if (BitConverter.IsLittleEndian)
        {
            return;
        }

        switch (Unsafe.SizeOf<T>())
        {
            case sizeof(ushort):
                var halves = MemoryMarshal.Cast<T, ushort>(values);
                BinaryPrimitives.ReverseEndianness(halves, halves);
                break;
            case sizeof(uint):
                var words = MemoryMarshal.Cast<T, uint>(values);
                BinaryPrimitives.ReverseEndianness(words, words);
                break;
            case sizeof(ulong):
                var longs = MemoryMarshal.Cast<T, ulong>(values);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
            default:
                break;
        }
    }
}
