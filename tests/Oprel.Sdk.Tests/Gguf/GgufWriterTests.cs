using System.Buffers.Binary;
using Oprel.Gguf;

namespace Oprel.Sdk.Tests.Gguf;

public sealed class GgufWriterTests
{
    [Fact]
    public void Add_DuplicateKey_ThrowsArgumentException()
    {
        var writer = new GgufWriter().Add("general.name", "a");

        var error = Assert.Throws<ArgumentException>(() => writer.Add("general.name", 1u));
        Assert.Contains("general.name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_EmptyKey_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new GgufWriter().Add(string.Empty, 1));
    }

    [Fact]
    public void Add_EntryValueOfWrongClrType_ThrowsArgumentException()
    {
        var writer = new GgufWriter();

        Assert.Throws<ArgumentException>(() => writer.Add(new GgufMetadataEntry("a", GgufValueType.UInt32, 5)));
        Assert.Throws<ArgumentException>(() => writer.Add(new GgufMetadataEntry("b", GgufValueType.String, 5)));
        Assert.Throws<ArgumentException>(() => writer.Add(new GgufMetadataEntry("c", (GgufValueType)13, 5)));
    }

    [Fact]
    public void Add_ArrayItemOfWrongClrType_ThrowsArgumentException()
    {
        var array = new GgufArray(GgufValueType.Int32, [1, 2L]);

        var error = Assert.Throws<ArgumentException>(() => new GgufWriter().Add(new GgufMetadataEntry("a", GgufValueType.Array, array)));
        Assert.Contains("item 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_ArraysNestedNineDeep_ThrowsArgumentException()
    {
        var array = new GgufArray(GgufValueType.Int32, [1]);
        for (var depth = 1; depth < 9; depth++)
        {
            array = new GgufArray(GgufValueType.Array, [array]);
        }

        Assert.Throws<ArgumentException>(() => new GgufWriter().Add(new GgufMetadataEntry("a", GgufValueType.Array, array)));
    }

    [Fact]
    public void Add_StringWithLoneSurrogate_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new GgufWriter().Add("a", "bad \ud800 text"));
    }

    [Fact]
    public void Add_ListChangedAfterAdd_WritesTheValuesAtAddTime()
    {
        var tokens = new List<string> { "a", "b" };
        var writer = new GgufWriter().Add("tokens", tokens);
        tokens[0] = "changed";
        tokens.Add("c");

        var file = GgufTestFiles.Read(GgufTestFiles.ToBytes(writer));

        Assert.Equal(["a", "b"], file.GetStringArray("tokens"));
    }

    [Fact]
    public void Constructor_AlignmentNotPowerOfTwo_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GgufWriter(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GgufWriter(48));
    }

    [Fact]
    public void Add_AlignmentKeyOtherThanConstructorAlignment_ThrowsArgumentException()
    {
        var writer = new GgufWriter(64);

        Assert.Throws<ArgumentException>(() => writer.Add("general.alignment", 32u));
        Assert.Throws<ArgumentException>(() => writer.Add("general.alignment", 64));
    }

    [Fact]
    public void WriteTo_AlignmentKeyAddedExplicitly_WritesItOnceWhereAdded()
    {
        var writer = new GgufWriter(64).Add("general.alignment", 64u).Add("general.name", "m");

        var file = GgufTestFiles.Read(GgufTestFiles.ToBytes(writer));

        Assert.Equal(["general.alignment", "general.name"], file.Metadata.Select(entry => entry.Key));
        Assert.Equal(64u, file.Alignment);
    }

    [Fact]
    public void WriteTo_DefaultAlignment_OmitsAlignmentKey()
    {
        var file = GgufTestFiles.Read(GgufTestFiles.ToBytes(GgufTestFiles.SmallModel()));

        Assert.Null(file.GetEntry("general.alignment"));
        Assert.Equal(32u, file.Alignment);
    }

    [Fact]
    public void WriteTo_CustomAlignment_WritesAlignmentKeyLastAndAlignsData()
    {
        var file = GgufTestFiles.Read(GgufTestFiles.ToBytes(GgufTestFiles.SmallModel(alignment: 256)));

        Assert.Equal(new GgufMetadataEntry("general.alignment", GgufValueType.UInt32, 256u), file.Metadata[^1]);
        Assert.Equal(256u, file.Alignment);
        Assert.Equal(0, file.DataOffset % 256);
        Assert.All(file.Tensors, tensor => Assert.Equal(0UL, tensor.Offset % 256));
    }

    [Fact]
    public void WriteTo_Metadata_KeysInInsertionOrder()
    {
        var writer = new GgufWriter().Add("z", 1).Add("a", 2).Add("m", 3);

        var file = GgufTestFiles.Read(GgufTestFiles.ToBytes(writer));

        Assert.Equal(["z", "a", "m"], file.Metadata.Select(entry => entry.Key));
    }

    [Fact]
    public void WriteTo_OneEntry_ProducesSpecLayout()
    {
        var bytes = GgufTestFiles.ToBytes(new GgufWriter().Add("k", 7u));

        byte[] expected =
        [
            .. "GGUF"u8, 3, 0, 0, 0, // magic, version 3
            0, 0, 0, 0, 0, 0, 0, 0, // tensor count
            1, 0, 0, 0, 0, 0, 0, 0, // metadata count
            1, 0, 0, 0, 0, 0, 0, 0, (byte)'k', // key
            4, 0, 0, 0, // UInt32
            7, 0, 0, 0,
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void WriteTo_Tensors_NoPaddingAfterTheLastTensor()
    {
        var bytes = GgufTestFiles.ToBytes(GgufTestFiles.SmallModel());
        var file = GgufTestFiles.Read(bytes);

        var last = file.Tensors[^1];
        Assert.Equal(file.GetTensorDataOffset(last) + (long)last.ByteSize, bytes.Length);
    }

    [Fact]
    public void AddTensor_DuplicateName_ThrowsArgumentException()
    {
        var writer = new GgufWriter().AddTensor("t", [1], [1f]);

        Assert.Throws<ArgumentException>(() => writer.AddTensor("t", [1], [2f]));
    }

    [Fact]
    public void AddTensor_DataLengthNotTheTypesByteSize_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new GgufWriter().AddTensor("t", [256], GgmlType.Q4_K, new byte[143]));
        Assert.Contains("144", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTensor_FirstDimensionNotWholeBlocks_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor("t", [16, 2], GgmlType.Q8_0, new byte[34]));
    }

    [Fact]
    public void AddTensor_ZeroOrFiveDimensions_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor("t", [], GgmlType.F32, new byte[4]));
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor("t", [1, 1, 1, 1, 1], GgmlType.F32, new byte[4]));
    }

    [Fact]
    public void AddTensor_NameLongerThan63Bytes_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor(new string('n', 64), [1], [1f]));
    }

    [Fact]
    public void AddTensor_UnknownType_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GgufWriter().AddTensor("t", [1], (GgmlType)4, new byte[4]));
    }

    [Fact]
    public void WriteToPath_ExistingFile_IsReplacedAndNoTemporaryFileRemains()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("model.gguf");
        File.WriteAllText(path, "old content");

        GgufTestFiles.SmallModel().WriteTo(path);

        Assert.Equal(GgufTestFiles.ToBytes(GgufTestFiles.SmallModel()), File.ReadAllBytes(path));
        Assert.Equal(["model.gguf"], directory.FileNames());
    }

    [Fact]
    public async Task WriteToAsync_Path_WritesTheSameBytesAsWriteTo()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("model.gguf");

        await GgufTestFiles.SmallModel(alignment: 64).WriteToAsync(path, CancellationToken.None);

        Assert.Equal(GgufTestFiles.ToBytes(GgufTestFiles.SmallModel(alignment: 64)), File.ReadAllBytes(path));
        Assert.Equal(["model.gguf"], directory.FileNames());
    }

    [Fact]
    public async Task WriteToAsync_Cancelled_LeavesNoFileAndNoTemporaryFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("model.gguf");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => GgufTestFiles.SmallModel().WriteToAsync(path, new CancellationToken(canceled: true)));

        Assert.Empty(directory.FileNames());
    }

    [Fact]
    public async Task WriteToAsync_Cancelled_KeepsTheExistingFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("model.gguf");
        File.WriteAllText(path, "old content");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => GgufTestFiles.SmallModel().WriteToAsync(path, new CancellationToken(canceled: true)));

        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["model.gguf"], directory.FileNames());
    }

    [Fact]
    public void WriteToPath_TensorDataFailsMidWrite_LeavesNoFileAndNoTemporaryFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("model.gguf");
        var writer = GgufTestFiles.SmallModel().AddTensor("broken", [32], GgmlType.Q8_0, new ThrowingMemoryManager(34).Memory);

        Assert.Throws<InvalidOperationException>(() => writer.WriteTo(path));

        Assert.Empty(directory.FileNames());
    }

    [Fact]
    public async Task WriteToAsync_TensorDataFailsMidWrite_KeepsTheExistingFileAndLeavesNoTemporaryFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("model.gguf");
        File.WriteAllText(path, "old content");
        var writer = GgufTestFiles.SmallModel().AddTensor("broken", [32], GgmlType.Q8_0, new ThrowingMemoryManager(34).Memory);

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteToAsync(path, CancellationToken.None));

        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["model.gguf"], directory.FileNames());
    }

    [Fact]
    public void WriteTo_FloatTensor_StoresLittleEndianFloats()
    {
        var bytes = GgufTestFiles.ToBytes(new GgufWriter().AddTensor("t", [2], [1.5f, -2f]));
        var file = GgufTestFiles.Read(bytes);

        var data = bytes.AsSpan((int)file.DataOffset, 8);
        Assert.Equal(1.5f, BinaryPrimitives.ReadSingleLittleEndian(data));
        Assert.Equal(-2f, BinaryPrimitives.ReadSingleLittleEndian(data[4..]));
    }
}
