using Oprel.Gguf;

namespace Oprel.Sdk.Tests.Gguf;

public sealed class GgufFileTests
{
    private static readonly GgufFile File = new(
        3,
        [
            new("general.architecture", GgufValueType.String, "llama"),
            new("u8", GgufValueType.UInt8, (byte)8),
            new("i16", GgufValueType.Int16, (short)-16),
            new("u32", GgufValueType.UInt32, 32u),
            new("u64.big", GgufValueType.UInt64, ulong.MaxValue),
            new("i64", GgufValueType.Int64, -64L),
            new("f32", GgufValueType.Float32, 0.5f),
            new("f64", GgufValueType.Float64, 2.5),
            new("flag", GgufValueType.Bool, true),
            new("tokens", GgufValueType.Array, new GgufArray(GgufValueType.String, ["a", "b"])),
            new("ids", GgufValueType.Array, new GgufArray(GgufValueType.Int32, [1, 2])),
        ],
        [new GgufTensorInfo("t", [4, 2], GgmlType.F32, 64)],
        32,
        1024);

    [Theory]
    [InlineData("u8", 8L)]
    [InlineData("i16", -16L)]
    [InlineData("u32", 32L)]
    [InlineData("i64", -64L)]
    public void GetInteger_IntegerOfAnyWidth_ReturnsItsValue(string key, long expected)
    {
        Assert.Equal(expected, File.GetInteger(key));
    }

    [Theory]
    [InlineData("u64.big")]
    [InlineData("f32")]
    [InlineData("flag")]
    [InlineData("general.architecture")]
    [InlineData("missing")]
    public void GetInteger_NotAnIntegerThatFitsALong_ReturnsNull(string key)
    {
        Assert.Null(File.GetInteger(key));
    }

    [Theory]
    [InlineData("f32", 0.5)]
    [InlineData("f64", 2.5)]
    [InlineData("i16", -16.0)]
    [InlineData("u64.big", 18446744073709551615.0)]
    public void GetNumber_AnyNumber_ReturnsItAsDouble(string key, double expected)
    {
        Assert.Equal(expected, File.GetNumber(key));
    }

    [Fact]
    public void TypedGetters_KeyOfAnotherType_ReturnNull()
    {
        Assert.Null(File.GetString("u32"));
        Assert.Null(File.GetBool("u8"));
        Assert.Null(File.GetNumber("flag"));
        Assert.Null(File.GetArray("general.architecture"));
        Assert.Null(File.GetStringArray("ids"));
    }

    [Fact]
    public void Lookups_PresentKeys_ReturnTheirValues()
    {
        Assert.Equal("llama", File.Architecture);
        Assert.True(File.GetBool("flag"));
        Assert.Equal(["a", "b"], File.GetStringArray("tokens"));
        Assert.Equal([1, 2], File.GetArray("ids")!.AsReadOnlyList<int>());
        Assert.True(File.TryGetValue("u32", out var value));
        Assert.Equal(32u, value);
        Assert.False(File.TryGetValue("missing", out _));
    }

    [Fact]
    public void GetTensorDataOffset_Tensor_IsDataOffsetPlusTensorOffset()
    {
        var tensor = File.GetTensor("t");

        Assert.NotNull(tensor);
        Assert.Equal(1088, File.GetTensorDataOffset(tensor));
        Assert.Equal(8UL, tensor.ElementCount);
        Assert.Equal(32UL, tensor.ByteSize);
        Assert.Null(File.GetTensor("missing"));
    }

    [Fact]
    public void Equals_SameContentInDifferentLists_IsTrue()
    {
        var copy = File with
        {
            Metadata = [.. File.Metadata],
            Tensors = [new GgufTensorInfo("t", new List<ulong> { 4, 2 }, GgmlType.F32, 64)],
        };

        Assert.Equal(File, copy);
        Assert.NotEqual(File, copy with { DataOffset = 0 });
    }
}
