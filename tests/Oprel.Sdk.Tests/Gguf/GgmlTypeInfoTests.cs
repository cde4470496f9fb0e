using Oprel.Gguf;

namespace Oprel.Sdk.Tests.Gguf;

public sealed class GgmlTypeInfoTests
{
    [Theory]
    [InlineData((uint)GgmlType.F32, 1, 4)]
    [InlineData((uint)GgmlType.F16, 1, 2)]
    [InlineData((uint)GgmlType.BF16, 1, 2)]
    [InlineData((uint)GgmlType.Q4_0, 32, 18)]
    [InlineData((uint)GgmlType.Q8_0, 32, 34)]
    [InlineData((uint)GgmlType.Q4_K, 256, 144)]
    [InlineData((uint)GgmlType.Q5_K, 256, 176)]
    [InlineData((uint)GgmlType.Q6_K, 256, 210)]
    [InlineData((uint)GgmlType.Q8_K, 256, 292)]
    [InlineData((uint)GgmlType.IQ4_XS, 256, 136)]
    [InlineData((uint)GgmlType.TQ1_0, 256, 54)]
    [InlineData((uint)GgmlType.MXFP4, 32, 17)]
    public void BlockSizeAndBytesPerBlock_KnownType_MatchGgmlBlockLayout(uint rawType, int blockSize, int bytesPerBlock)
    {
        var type = (GgmlType)rawType;
        Assert.Equal(blockSize, GgmlTypeInfo.BlockSize(type));
        Assert.Equal(bytesPerBlock, GgmlTypeInfo.BytesPerBlock(type));
    }

    [Theory]
    [InlineData((uint)GgmlType.Q4_K, 4096UL, 2304UL)]
    [InlineData((uint)GgmlType.Q6_K, 4096UL * 2, 6720UL)]
    [InlineData((uint)GgmlType.Q8_0, 64UL, 68UL)]
    [InlineData((uint)GgmlType.F16, 10UL, 20UL)]
    [InlineData((uint)GgmlType.F32, 10UL, 40UL)]
    [InlineData((uint)GgmlType.F32, 0UL, 0UL)]
    public void ByteSize_WholeBlocks_IsBlockCountTimesBlockBytes(uint rawType, ulong elementCount, ulong expected)
    {
        Assert.Equal(expected, GgmlTypeInfo.ByteSize((GgmlType)rawType, elementCount));
    }

    [Fact]
    public void ByteSize_PartialBlock_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => GgmlTypeInfo.ByteSize(GgmlType.Q4_K, 100));
    }

    [Fact]
    public void ByteSize_UnknownType_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GgmlTypeInfo.ByteSize((GgmlType)4, 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => GgmlTypeInfo.BlockSize((GgmlType)999));
        Assert.False(GgmlTypeInfo.IsKnown((GgmlType)31));
    }

    [Fact]
    public void ByteSize_ResultBeyond64Bits_ThrowsOverflow()
    {
        Assert.Throws<OverflowException>(() => GgmlTypeInfo.ByteSize(GgmlType.F64, ulong.MaxValue / 2));
    }

    [Fact]
    public void IsKnown_EveryDeclaredType_IsTrue()
    {
        Assert.All(Enum.GetValues<GgmlType>(), type => Assert.True(GgmlTypeInfo.IsKnown(type), type.ToString()));
    }
}
