using System.Buffers.Binary;
using Oprel.Gguf;

namespace Oprel.Sdk.Tests.Gguf;

public sealed class GgufReaderMalformedFileTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_TruncatedAtEveryOffset_ThrowsGgufFormatExceptionUntilTheFullLength(bool seekable)
    {
        var bytes = GgufTestFiles.ToBytes(GgufTestFiles.SmallModel());

        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes[..length], seekable));
            Assert.InRange(error.Offset, 0, bytes.Length);
            Assert.StartsWith("GGUF: ", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(3, GgufTestFiles.Read(bytes, seekable).Tensors.Count);
    }

    [Fact]
    public void Read_WrongMagic_ThrowsAtOffsetZero()
    {
        var bytes = GgufTestFiles.ToBytes(GgufTestFiles.SmallModel());
        "GGML"u8.CopyTo(bytes);

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(0, error.Offset);
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BigEndianMagic_ThrowsNamingBigEndian()
    {
        var bytes = new GgufBytesBuilder().Bytes("FUGG"u8).Bytes([0, 0, 0, 3]).UInt64(0).UInt64(0).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Contains("big-endian", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(4u)]
    [InlineData(0x03000000u)]
    public void Read_UnsupportedVersion_ThrowsAtOffsetFour(uint version)
    {
        var bytes = new GgufBytesBuilder().Header(version, 0, 0).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(4, error.Offset);
        Assert.Contains($"version {version}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeStringLength_ThrowsNamingTheLengthOffsetAndBytesLeft()
    {
        var bytes = new GgufBytesBuilder().Header(3, 0, 1).UInt64(long.MaxValue).Bytes(new byte[1234]).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(24, error.Offset);
        Assert.StartsWith(
            "GGUF: string length 9223372036854775807 at offset 24 exceeds the 1234 bytes left in the file",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeStringLengthOnNonSeekableStream_ThrowsAtTheStringLimit()
    {
        var bytes = new GgufBytesBuilder().Header(3, 0, 1).UInt64(ulong.MaxValue).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes, seekable: false));

        Assert.Equal(24, error.Offset);
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LongStringClaimOnNonSeekableStreamWithFewBytes_ThrowsWithoutAllocatingIt()
    {
        var bytes = new GgufBytesBuilder().Header(3, 0, 1).UInt64(200 * 1024 * 1024).Bytes(new byte[100]).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes, seekable: false));

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16 * 1024 * 1024);
        Assert.Equal(32, error.Offset);
        Assert.Contains("unexpected end of file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BoolArrayItemOtherThanZeroOrOne_ThrowsAtTheItem()
    {
        var bytes = new GgufBytesBuilder()
            .Header(3, 0, 1)
            .String("k").Type(GgufValueType.Array).Type(GgufValueType.Bool).UInt64(3).Bytes([1, 0, 7])
            .ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(51, error.Offset);
        Assert.Contains("bool value 7", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_HugeArrayCount_ThrowsWithoutAllocatingIt(bool seekable)
    {
        var bytes = new GgufBytesBuilder()
            .Header(3, 0, 1)
            .String("tokenizer.ggml.tokens").Type(GgufValueType.Array).Type(GgufValueType.String).UInt64(ulong.MaxValue / 2)
            .String("a")
            .ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes, seekable));

        Assert.Equal(61, error.Offset);
        Assert.Contains("array length", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_ArrayCountAtTheLimitWithFewBytes_ThrowsWithoutAllocatingIt(bool seekable)
    {
        var bytes = new GgufBytesBuilder()
            .Header(3, 0, 1)
            .String("a").Type(GgufValueType.Array).Type(GgufValueType.UInt64).UInt64(1 << 27)
            .UInt64(1)
            .ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes, seekable));

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16 * 1024 * 1024);
    }

    [Fact]
    public void Read_HugeTensorCount_Throws()
    {
        var bytes = new GgufBytesBuilder().Header(3, ulong.MaxValue, 0).Bytes(new byte[100]).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(8, error.Offset);
        Assert.Contains("tensor count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeTensorCountOnNonSeekableStream_ThrowsAtTheLimit()
    {
        var bytes = new GgufBytesBuilder().Header(3, 1UL << 40, 0).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes, seekable: false));

        Assert.Equal(8, error.Offset);
    }

    [Fact]
    public void Read_HugeMetadataCount_Throws()
    {
        var bytes = new GgufBytesBuilder().Header(3, 0, 1UL << 62).Bytes(new byte[100]).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(16, error.Offset);
        Assert.Contains("metadata entry count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FiveDimensions_ThrowsAtNDims()
    {
        var bytes = new GgufBytesBuilder()
            .Header(3, 1, 0)
            .TensorInfo("t", [1, 1, 1, 1, 1], (uint)GgmlType.F32, 0)
            .PadTo(32).Bytes(new byte[4])
            .ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(33, error.Offset);
        Assert.Contains("n_dims 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownValueType_ThrowsAtTheType()
    {
        var bytes = new GgufBytesBuilder().Header(3, 0, 1).String("k").UInt32(13).UInt32(0).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(33, error.Offset);
        Assert.Contains("unknown value type 13", error.Message, StringComparison.Ordinal);
        Assert.Contains("'k'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownArrayElementType_Throws()
    {
        var bytes = new GgufBytesBuilder().Header(3, 0, 1).String("k").Type(GgufValueType.Array).UInt32(77).UInt64(0).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(37, error.Offset);
        Assert.Contains("unknown value type 77", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownGgmlType_Throws()
    {
        var bytes = new GgufBytesBuilder()
            .Header(3, 1, 0)
            .TensorInfo("t", [32], 4, 0)
            .PadTo(32).Bytes(new byte[64])
            .ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(45, error.Offset);
        Assert.Contains("unknown ggml type 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FirstDimensionNotWholeBlocks_Throws()
    {
        var bytes = new GgufBytesBuilder()
            .Header(3, 1, 0)
            .TensorInfo("t", [16, 2], (uint)GgmlType.Q8_0, 0)
            .PadTo(32).Bytes(new byte[34])
            .ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Contains("block size 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DimensionsWhoseProductOverflows_Throws()
    {
        var bytes = new GgufBytesBuilder()
            .Header(3, 1, 0)
            .TensorInfo("t", [1UL << 40, 1UL << 40], (uint)GgmlType.F32, 0)
            .ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(45, error.Offset);
        Assert.Contains("overflow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TensorOffsetNotAligned_Throws()
    {
        var bytes = new GgufBytesBuilder()
            .Header(3, 1, 0)
            .TensorInfo("t", [1], (uint)GgmlType.F32, 4)
            .PadTo(32).Bytes(new byte[8])
            .ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(49, error.Offset);
        Assert.Contains("not a multiple of the alignment 32", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_TensorDataPastTheEnd_ThrowsNamingTheTensor(bool seekable)
    {
        var bytes = new GgufBytesBuilder()
            .Header(3, 2, 0)
            .TensorInfo("a", [8], (uint)GgmlType.F32, 0)
            .TensorInfo("b", [8], (uint)GgmlType.F32, 1UL << 50)
            .PadTo(32).Bytes(new byte[32])
            .ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes, seekable));

        Assert.Contains("tensor 'b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("past the end of the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8InAString_ThrowsAtTheBadByte()
    {
        var bytes = new GgufBytesBuilder().Header(3, 0, 1).RawString([(byte)'a', 0xC3, 0x28]).Type(GgufValueType.UInt8).Byte(0).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(33, error.Offset);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ArraysNestedNineDeep_Throws()
    {
        var builder = new GgufBytesBuilder().Header(3, 0, 1).String("k").Type(GgufValueType.Array);
        for (var depth = 1; depth < 9; depth++)
        {
            builder.Type(GgufValueType.Array).UInt64(1);
        }

        var bytes = builder.Type(GgufValueType.Int32).UInt64(1).UInt32(5).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Contains("nested 9 deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ArraysNestedEightDeep_Reads()
    {
        var array = new GgufArray(GgufValueType.Int32, [5]);
        for (var depth = 1; depth < 8; depth++)
        {
            array = new GgufArray(GgufValueType.Array, [array]);
        }

        var bytes = GgufTestFiles.ToBytes(new GgufWriter().Add(new GgufMetadataEntry("k", GgufValueType.Array, array)));

        Assert.Equal(array, GgufTestFiles.Read(bytes).GetArray("k"));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(48u)]
    public void Read_AlignmentNotAPowerOfTwo_Throws(uint alignment)
    {
        var bytes = new GgufBytesBuilder().Header(3, 0, 1).String("general.alignment").Type(GgufValueType.UInt32).UInt32(alignment).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(53, error.Offset);
        Assert.Contains("power of two", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AlignmentOfAnotherType_Throws()
    {
        var bytes = new GgufBytesBuilder().Header(3, 0, 1).String("general.alignment").Type(GgufValueType.UInt64).UInt64(32).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Contains("must be UInt32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateMetadataKey_Throws()
    {
        var bytes = new GgufBytesBuilder()
            .Header(3, 0, 2)
            .String("k").Type(GgufValueType.UInt8).Byte(1)
            .String("k").Type(GgufValueType.UInt8).Byte(2)
            .ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(38, error.Offset);
        Assert.Contains("duplicate metadata key 'k'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateTensorName_Throws()
    {
        var bytes = new GgufBytesBuilder()
            .Header(3, 2, 0)
            .TensorInfo("t", [1], (uint)GgmlType.F32, 0)
            .TensorInfo("t", [1], (uint)GgmlType.F32, 32)
            .PadTo(32).Bytes(new byte[36])
            .ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Contains("duplicate tensor name 't'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BoolOtherThanZeroOrOne_Throws()
    {
        var bytes = new GgufBytesBuilder().Header(3, 0, 1).String("k").Type(GgufValueType.Bool).Byte(2).ToArray();

        var error = Assert.Throws<GgufFormatException>(() => GgufTestFiles.Read(bytes));

        Assert.Equal(37, error.Offset);
        Assert.Contains("bool value 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RandomlyCorruptedFiles_ReadOrThrowOnlyGgufFormatException()
    {
        var original = GgufTestFiles.ToBytes(GgufTestFiles.SmallModel());
        var random = new Random(20240613);
        var failures = new List<string>();

        for (var iteration = 0; iteration < 4000; iteration++)
        {
            var bytes = (byte[])original.Clone();
            Corrupt(bytes, random);
            var seekable = iteration % 2 == 0;
            try
            {
                GgufTestFiles.Read(bytes, seekable);
            }
            catch (GgufFormatException)
            {
            }
            catch (Exception ex) when (ex is not GgufFormatException)
            {
                failures.Add($"iteration {iteration}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.Empty(failures);
    }

    private static void Corrupt(byte[] bytes, Random random)
    {
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            var at = random.Next(bytes.Length);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2 when at + 8 <= bytes.Length:
                    BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), (ulong)random.NextInt64());
                    break;
                default:
                    bytes[at] = 0xFF;
                    break;
            }
        }
    }
}
