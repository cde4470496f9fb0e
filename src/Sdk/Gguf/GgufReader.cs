using System.Buffers.Binary;
using System.Collections.ObjectModel;

namespace Oprel.Gguf;

/// <summary>
/// Reads the header of a GGUF file (version 2 or 3, little-endian): metadata and tensor infos, never the tensor data.
/// A malformed file always fails with a <see cref="GgufFormatException"/> naming the problem and its offset; lengths
/// and counts are checked against the bytes left in the file (or hard limits when the stream cannot seek) before
/// anything is allocated. The file must be long enough to hold every tensor's data; a stream that cannot seek is read
/// (and discarded) up to the end of the last tensor to check that.
/// </summary>
internal static class GgufReader
{
    private const int InitialListCapacity = 1024;

    /// <summary>Reads the header of the GGUF file at <paramref name="path"/>.</summary>
    /// <exception cref="GgufFormatException">The file is not a valid GGUF file.</exception>
    public static GgufFile Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return Read(stream);
    }

    /// <summary>
    /// Reads the header of a GGUF file from <paramref name="stream"/>, positioned at the file's first byte; offsets
    /// (<see cref="GgufFile.DataOffset"/>, <see cref="GgufFormatException.Offset"/>) count from that position.
    /// The stream is left open, at an unspecified position.
    /// </summary>
    /// <exception cref="GgufFormatException">The file is not a valid GGUF file.</exception>
    public static GgufFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream cannot be read.", nameof(stream));
        }

        long? length = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null;
        return ReadFile(new GgufBinaryReader(stream, length));
    }

    private static GgufFile ReadFile(GgufBinaryReader reader)
    {
        var version = ReadPreamble(reader);

        var tensorCountOffset = reader.Position;
        var tensorCount = reader.ReadUInt64("the tensor count");
        reader.CheckCount(tensorCount, TensorInfoMinimumBytes, GgufFormat.MaxTensors, "tensor count", tensorCountOffset);
        var metadataCountOffset = reader.Position;
        var metadataCount = reader.ReadUInt64("the metadata entry count");
        reader.CheckCount(
            metadataCount, MetadataEntryMinimumBytes, GgufFormat.MaxMetadataEntries, "metadata entry count", metadataCountOffset);

        var (metadata, alignment) = ReadMetadata(reader, (int)metadataCount);
        reader.Context = "the tensor infos";
        reader.CheckCount(tensorCount, TensorInfoMinimumBytes, GgufFormat.MaxTensors, "tensor count", tensorCountOffset);
        var tensors = ReadTensorInfos(reader, (int)tensorCount, alignment);
        var dataOffset = GgufFormat.AlignUp(reader.Position, alignment);
        CheckTensorData(reader, tensors, dataOffset);

        return new GgufFile(version, metadata, tensors, alignment, dataOffset);
    }

    /// <summary>A key (empty), a value type and the smallest value (one byte).</summary>
    private static int MetadataEntryMinimumBytes => sizeof(ulong) + sizeof(uint) + sizeof(byte);

    /// <summary>A name (empty), n_dims (zero), a ggml type and an offset.</summary>
    private static int TensorInfoMinimumBytes => sizeof(ulong) + sizeof(uint) + sizeof(uint) + sizeof(ulong);

    private static uint ReadPreamble(GgufBinaryReader reader)
    {
        var magic = reader.ReadUInt32("the magic");
        if (magic == GgufFormat.BigEndianMagic)
        {
            throw reader.Error(
                0,
                "the file is a big-endian GGUF file (magic \"FUGG\" at offset 0); only little-endian files are supported");
        }

        if (magic != GgufFormat.Magic)
        {
            throw reader.Error(
                0,
                $"wrong magic {DescribeMagic(magic)} at offset 0; a GGUF file starts with {DescribeMagic(GgufFormat.Magic)}");
        }

        var version = reader.ReadUInt32("the version");
        if (version is < GgufFormat.OldestSupportedVersion or > GgufFormat.CurrentVersion)
        {
            var hint = version == 1 ? " (version 1 files predate 64-bit counts; convert the model again)" : string.Empty;
            throw reader.Error(
                4,
                $"version {version} at offset 4 is not supported; supported versions are {GgufFormat.OldestSupportedVersion} to {GgufFormat.CurrentVersion}{hint}");
        }

        return version;
    }

    /// <summary>The four magic bytes in file order, in hex and as text, e.g. 47475546 ("GGUF").</summary>
    private static string DescribeMagic(uint magic)
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, magic);
        Span<char> text = stackalloc char[sizeof(uint)];
        for (var i = 0; i < bytes.Length; i++)
        {
            text[i] = bytes[i] is >= 0x20 and < 0x7F ? (char)bytes[i] : '.';
        }

        return $"{Convert.ToHexString(bytes)} (\"{text}\")";
    }

    private static (IReadOnlyList<GgufMetadataEntry> Metadata, uint Alignment) ReadMetadata(GgufBinaryReader reader, int count)
    {
        var entries = new List<GgufMetadataEntry>(Math.Min(count, InitialListCapacity));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var alignment = GgufFormat.DefaultAlignment;
        for (var i = 0; i < count; i++)
        {
            reader.Context = $"the key of metadata entry {i}";
            var keyOffset = reader.Position;
            var key = reader.ReadString();
            if (!keys.Add(key))
            {
                throw reader.Error(keyOffset, $"duplicate metadata key '{key}' at offset {keyOffset}");
            }

            reader.Context = $"metadata '{key}'";
            var typeOffset = reader.Position;
            var type = ReadValueType(reader);
            var valueOffset = reader.Position;
            var value = ReadValue(reader, type, arrayDepth: 0);
            if (key == GgufFormat.AlignmentKey)
            {
                alignment = ValidAlignment(reader, type, value, typeOffset, valueOffset);
            }

            entries.Add(new GgufMetadataEntry(key, type, value));
        }

        return (entries.AsReadOnly(), alignment);
    }

    private static uint ValidAlignment(GgufBinaryReader reader, GgufValueType type, object value, long typeOffset, long valueOffset)
    {
        if (type != GgufValueType.UInt32)
        {
            throw reader.Error(
                typeOffset,
                $"'{GgufFormat.AlignmentKey}' at offset {typeOffset} has type {type}; it must be UInt32");
        }

        var alignment = (uint)value;
        return GgufFormat.IsValidAlignment(alignment)
            ? alignment
            : throw reader.Error(
                valueOffset,
                $"'{GgufFormat.AlignmentKey}' {alignment} at offset {valueOffset} is not a power of two");
    }

    private static GgufValueType ReadValueType(GgufBinaryReader reader)
    {
        var offset = reader.Position;
        var raw = reader.ReadUInt32("a value type");
        var type = (GgufValueType)raw;
        return GgufFormat.MinimumValueSize(type) != 0
            ? type
            : throw reader.Error(offset, $"unknown value type {raw} at offset {offset}");
    }

    private static object ReadValue(GgufBinaryReader reader, GgufValueType type, int arrayDepth) => type switch
    {
        GgufValueType.UInt8 => reader.ReadByte("a uint8"),
        GgufValueType.Int8 => unchecked((sbyte)reader.ReadByte("an int8")),
        GgufValueType.UInt16 => reader.ReadUInt16("a uint16"),
        GgufValueType.Int16 => unchecked((short)reader.ReadUInt16("an int16")),
        GgufValueType.UInt32 => reader.ReadUInt32("a uint32"),
        GgufValueType.Int32 => unchecked((int)reader.ReadUInt32("an int32")),
        GgufValueType.Float32 => reader.ReadSingle("a float32"),
        GgufValueType.Bool => ReadBool(reader),
        GgufValueType.String => reader.ReadString(),
        GgufValueType.Array => ReadArray(reader, arrayDepth + 1),
        GgufValueType.UInt64 => reader.ReadUInt64("a uint64"),
        GgufValueType.Int64 => unchecked((long)reader.ReadUInt64("an int64")),
        GgufValueType.Float64 => reader.ReadDouble("a float64"),
        _ => throw reader.Error(reader.Position, $"unknown value type {(uint)type} at offset {reader.Position}"),
    };

    private static bool ReadBool(GgufBinaryReader reader)
    {
        var offset = reader.Position;
        var value = reader.ReadByte("a bool");
        return value <= 1
            ? value == 1
            : throw reader.Error(offset, $"bool value {value} at offset {offset} is neither 0 nor 1");
    }

    private static GgufArray ReadArray(GgufBinaryReader reader, int depth)
    {
        var offset = reader.Position;
        if (depth > GgufFormat.MaxArrayDepth)
        {
            throw reader.Error(
                offset,
                $"the array at offset {offset} is nested {depth} deep, more than the limit of {GgufFormat.MaxArrayDepth}");
        }

        var elementType = ReadValueType(reader);
        var countOffset = reader.Position;
        var count = reader.ReadUInt64("an array length");
        reader.CheckCount(count, GgufFormat.MinimumValueSize(elementType), GgufFormat.MaxArrayItems, $"{elementType} array length", countOffset);
        var length = (int)count;
        IReadOnlyList<object> items = elementType switch
        {
            GgufValueType.UInt8 => new BoxingReadOnlyList<byte>(reader.ReadValues<byte>(length, "a uint8 array")),
            GgufValueType.Int8 => new BoxingReadOnlyList<sbyte>(reader.ReadValues<sbyte>(length, "an int8 array")),
            GgufValueType.UInt16 => new BoxingReadOnlyList<ushort>(reader.ReadValues<ushort>(length, "a uint16 array")),
            GgufValueType.Int16 => new BoxingReadOnlyList<short>(reader.ReadValues<short>(length, "an int16 array")),
            GgufValueType.UInt32 => new BoxingReadOnlyList<uint>(reader.ReadValues<uint>(length, "a uint32 array")),
            GgufValueType.Int32 => new BoxingReadOnlyList<int>(reader.ReadValues<int>(length, "an int32 array")),
            GgufValueType.Float32 => new BoxingReadOnlyList<float>(reader.ReadValues<float>(length, "a float32 array")),
            GgufValueType.UInt64 => new BoxingReadOnlyList<ulong>(reader.ReadValues<ulong>(length, "a uint64 array")),
            GgufValueType.Int64 => new BoxingReadOnlyList<long>(reader.ReadValues<long>(length, "an int64 array")),
            GgufValueType.Float64 => new BoxingReadOnlyList<double>(reader.ReadValues<double>(length, "a float64 array")),
            GgufValueType.Bool => ReadBools(reader, length),
            GgufValueType.String => ReadItems(reader, length, static r => r.ReadString()),
            GgufValueType.Array => ReadItems(reader, length, r => ReadArray(r, depth + 1)),
            _ => throw reader.Error(offset, $"unknown array element type {(uint)elementType} at offset {offset}"),
        };
        return new GgufArray(elementType, items);
    }

    private static BoxingReadOnlyList<bool> ReadBools(GgufBinaryReader reader, int count)
    {
        var offset = reader.Position;
        var bytes = reader.ReadValues<byte>(count, "a bool array");
        var bad = bytes.AsSpan().IndexOfAnyExcept((byte)0, (byte)1);
        if (bad >= 0)
        {
            var badOffset = offset + bad;
            throw reader.Error(badOffset, $"bool value {bytes[bad]} at offset {badOffset} is neither 0 nor 1");
        }

        var values = new bool[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = bytes[i] == 1;
        }

        return new BoxingReadOnlyList<bool>(values);
    }

    /// <summary>Reads variable-size items into a list that grows only as items are actually read.</summary>
    private static ReadOnlyCollection<T> ReadItems<T>(GgufBinaryReader reader, int count, Func<GgufBinaryReader, T> readItem)
    {
        var items = new List<T>(Math.Min(count, 64 * InitialListCapacity));
        for (var i = 0; i < count; i++)
        {
            items.Add(readItem(reader));
        }

        return items.AsReadOnly();
    }

    private static ReadOnlyCollection<GgufTensorInfo> ReadTensorInfos(GgufBinaryReader reader, int count, uint alignment)
    {
        var tensors = new List<GgufTensorInfo>(Math.Min(count, InitialListCapacity));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            reader.Context = $"the name of tensor info {i}";
            var nameOffset = reader.Position;
            var name = reader.ReadString();
            if (!names.Add(name))
            {
                throw reader.Error(nameOffset, $"duplicate tensor name '{name}' at offset {nameOffset}");
            }

            reader.Context = $"tensor info '{name}'";
            tensors.Add(ReadTensorInfo(reader, name, alignment));
        }

        return tensors.AsReadOnly();
    }

    private static GgufTensorInfo ReadTensorInfo(GgufBinaryReader reader, string name, uint alignment)
    {
        var dimensionCountOffset = reader.Position;
        var dimensionCount = reader.ReadUInt32("n_dims");
        if (dimensionCount > GgufFormat.MaxDimensions)
        {
            throw reader.Error(
                dimensionCountOffset,
                $"n_dims {dimensionCount} at offset {dimensionCountOffset} exceeds the maximum of {GgufFormat.MaxDimensions}");
        }

        var dimensions = new ulong[dimensionCount];
        UInt128 elementCount = 1;
        for (var d = 0; d < dimensions.Length; d++)
        {
            var dimensionOffset = reader.Position;
            dimensions[d] = reader.ReadUInt64("a dimension");
            elementCount *= dimensions[d];
            if (elementCount > long.MaxValue)
            {
                throw reader.Error(
                    dimensionOffset,
                    $"dimension {dimensions[d]} at offset {dimensionOffset} makes the element count of tensor '{name}' overflow");
            }
        }

        var typeOffset = reader.Position;
        var rawType = reader.ReadUInt32("a ggml type");
        var type = (GgmlType)rawType;
        if (!GgmlTypeInfo.IsKnown(type))
        {
            throw reader.Error(typeOffset, $"unknown ggml type {rawType} at offset {typeOffset}");
        }

        var blockSize = (ulong)GgmlTypeInfo.BlockSize(type);
        var rowLength = dimensions.Length > 0 ? dimensions[0] : 1;
        if (rowLength % blockSize != 0)
        {
            throw reader.Error(
                typeOffset,
                $"tensor '{name}' of type {type} (at offset {typeOffset}) has a first dimension of {rowLength}, not a multiple of the block size {blockSize}");
        }

        var byteSize = elementCount / blockSize * (ulong)GgmlTypeInfo.BytesPerBlock(type);
        if (byteSize > long.MaxValue)
        {
            throw reader.Error(
                typeOffset,
                $"tensor '{name}' of {elementCount} {type} elements (type at offset {typeOffset}) takes {byteSize} bytes, more than a file can hold");
        }

        var offsetOffset = reader.Position;
        var offset = reader.ReadUInt64("a tensor data offset");
        if (offset % alignment != 0)
        {
            throw reader.Error(
                offsetOffset,
                $"tensor data offset {offset} at offset {offsetOffset} is not a multiple of the alignment {alignment}");
        }

        return new GgufTensorInfo(name, Array.AsReadOnly(dimensions), type, offset);
    }

    /// <summary>Checks that the file holds every tensor's data: [data offset + tensor offset, + byte size).</summary>
    private static void CheckTensorData(GgufBinaryReader reader, IReadOnlyList<GgufTensorInfo> tensors, long dataOffset)
    {
        if (tensors.Count == 0)
        {
            return;
        }

        UInt128 dataEnd = 0;
        foreach (var tensor in tensors)
        {
            dataEnd = UInt128.Max(dataEnd, TensorDataEnd(tensor, dataOffset));
        }

        var fileEnd = reader.Length ?? reader.SkipTo((long)UInt128.Min(dataEnd, long.MaxValue));
        if (dataEnd <= (ulong)fileEnd)
        {
            return;
        }

        foreach (var tensor in tensors)
        {
            if (TensorDataEnd(tensor, dataOffset) > (ulong)fileEnd)
            {
                var start = (UInt128)dataOffset + tensor.Offset;
                reader.Context = "the tensor data";
                throw reader.Error(
                    (long)UInt128.Min(start, long.MaxValue),
                    $"the {tensor.ByteSize} bytes of tensor '{tensor.Name}' at offset {start} run past the end of the file at offset {fileEnd}");
            }
        }
    }

    private static UInt128 TensorDataEnd(GgufTensorInfo tensor, long dataOffset) =>
        (UInt128)dataOffset + tensor.Offset + tensor.ByteSize;
}
