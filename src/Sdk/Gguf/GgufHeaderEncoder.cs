using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Oprel.Gguf;

/// <summary>
/// Encodes the part of a GGUF file before the tensor data (header, metadata, tensor infos) little-endian into memory.
/// Values must already be validated (<see cref="GgufValueValidator"/>).
/// </summary>
internal sealed class GgufHeaderEncoder
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    public int Length => _buffer.WrittenCount;

    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public void WriteHeader(uint version, int tensorCount, int metadataCount)
    {
        WriteUInt32(GgufFormat.Magic);
        WriteUInt32(version);
        WriteUInt64((ulong)tensorCount);
        WriteUInt64((ulong)metadataCount);
    }

    public void WriteMetadataEntry(GgufMetadataEntry entry)
    {
        WriteString(entry.Key);
        WriteUInt32((uint)entry.Type);
        WriteValue(entry.Type, entry.Value);
    }

    public void WriteTensorInfo(GgufTensorInfo tensor)
    {
        WriteString(tensor.Name);
        WriteUInt32((uint)tensor.Dimensions.Count);
        foreach (var dimension in tensor.Dimensions)
        {
            WriteUInt64(dimension);
        }

        WriteUInt32((uint)tensor.Type);
        WriteUInt64(tensor.Offset);
    }

    /// <summary>Appends zero bytes until the length is a multiple of <paramref name="alignment"/>.</summary>
    public void PadTo(uint alignment)
    {
        var padding = (int)(GgufFormat.AlignUp(Length, alignment) - Length);
        _buffer.GetSpan(padding)[..padding].Clear();
        _buffer.Advance(padding);
    }

    private void WriteValue(GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.UInt8:
                WriteByte((byte)value);
                break;
            case GgufValueType.Int8:
                WriteByte(unchecked((byte)(sbyte)value));
                break;
            case GgufValueType.UInt16:
                BinaryPrimitives.WriteUInt16LittleEndian(Take(sizeof(ushort)), (ushort)value);
                break;
            case GgufValueType.Int16:
                BinaryPrimitives.WriteInt16LittleEndian(Take(sizeof(short)), (short)value);
                break;
            case GgufValueType.UInt32:
                WriteUInt32((uint)value);
                break;
            case GgufValueType.Int32:
                BinaryPrimitives.WriteInt32LittleEndian(Take(sizeof(int)), (int)value);
                break;
            case GgufValueType.Float32:
                BinaryPrimitives.WriteSingleLittleEndian(Take(sizeof(float)), (float)value);
                break;
            case GgufValueType.Bool:
                WriteByte((bool)value ? (byte)1 : (byte)0);
                break;
            case GgufValueType.String:
                WriteString((string)value);
                break;
            case GgufValueType.Array:
                WriteArray((GgufArray)value);
                break;
            case GgufValueType.UInt64:
                WriteUInt64((ulong)value);
                break;
            case GgufValueType.Int64:
                BinaryPrimitives.WriteInt64LittleEndian(Take(sizeof(long)), (long)value);
                break;
            case GgufValueType.Float64:
                BinaryPrimitives.WriteDoubleLittleEndian(Take(sizeof(double)), (double)value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown GGUF value type.");
        }
    }

    private void WriteArray(GgufArray array)
    {
        WriteUInt32((uint)array.ElementType);
        WriteUInt64((ulong)array.Items.Count);
        if (BitConverter.IsLittleEndian && TryWriteRaw(array.Items))
        {
            return;
        }

        foreach (var item in array.Items)
        {
            WriteValue(array.ElementType, item);
        }
    }

    /// <summary>Copies an unboxed array of fixed-size values in one go (their memory layout is the file's).</summary>
    private bool TryWriteRaw(IReadOnlyList<object> items) => items switch
    {
        BoxingReadOnlyList<byte> values => WriteRaw(values.Span),
        BoxingReadOnlyList<sbyte> values => WriteRaw(values.Span),
        BoxingReadOnlyList<ushort> values => WriteRaw(values.Span),
        BoxingReadOnlyList<short> values => WriteRaw(values.Span),
        BoxingReadOnlyList<uint> values => WriteRaw(values.Span),
        BoxingReadOnlyList<int> values => WriteRaw(values.Span),
        BoxingReadOnlyList<float> values => WriteRaw(values.Span),
        BoxingReadOnlyList<ulong> values => WriteRaw(values.Span),
        BoxingReadOnlyList<long> values => WriteRaw(values.Span),
        BoxingReadOnlyList<double> values => WriteRaw(values.Span),
        _ => false,
    };

    private bool WriteRaw<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        bytes.CopyTo(Take(bytes.Length));
        return true;
    }

    private void WriteString(string value)
    {
        var byteCount = GgufFormat.StrictUtf8.GetByteCount(value);
        WriteUInt64((ulong)byteCount);
        GgufFormat.StrictUtf8.GetBytes(value, Take(byteCount));
    }

    private void WriteByte(byte value) => Take(1)[0] = value;

    private void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(sizeof(uint)), value);

    private void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(sizeof(ulong)), value);

    /// <summary>Reserves the next <paramref name="count"/> bytes and returns them for writing.</summary>
    private Span<byte> Take(int count)
    {
        var span = _buffer.GetSpan(count)[..count];
        _buffer.Advance(count);
        return span;
    }
}
