using System.Buffers.Binary;
using System.Text;
using Oprel.Gguf;

namespace Oprel.Sdk.Tests.Gguf;

/// <summary>Builds GGUF bytes by hand, little-endian, so tests can write files the writer refuses to produce.</summary>
internal sealed class GgufBytesBuilder
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public GgufBytesBuilder Header(uint version, ulong tensorCount, ulong metadataCount) =>
        Bytes("GGUF"u8).UInt32(version).UInt64(tensorCount).UInt64(metadataCount);

    public GgufBytesBuilder Bytes(ReadOnlySpan<byte> bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public GgufBytesBuilder Byte(byte value) => Bytes([value]);

    public GgufBytesBuilder UInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Bytes(bytes);
    }

    public GgufBytesBuilder UInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return Bytes(bytes);
    }

    public GgufBytesBuilder Type(GgufValueType type) => UInt32((uint)type);

    /// <summary>A GGUF string: uint64 length, then the UTF-8 bytes.</summary>
    public GgufBytesBuilder String(string value) => RawString(Encoding.UTF8.GetBytes(value));

    /// <summary>A GGUF string made of arbitrary bytes (e.g. invalid UTF-8).</summary>
    public GgufBytesBuilder RawString(ReadOnlySpan<byte> bytes) => UInt64((ulong)bytes.Length).Bytes(bytes);

    public GgufBytesBuilder TensorInfo(string name, ulong[] dimensions, uint ggmlType, ulong offset)
    {
        String(name).UInt32((uint)dimensions.Length);
        foreach (var dimension in dimensions)
        {
            UInt64(dimension);
        }

        return UInt32(ggmlType).UInt64(offset);
    }

    public GgufBytesBuilder PadTo(int alignment) => Bytes(new byte[(alignment - (Length % alignment)) % alignment]);

    public byte[] ToArray() => [.. _bytes];
}
