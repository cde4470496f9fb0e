using Oprel.Gguf;

namespace Oprel.Sdk.Tests.Gguf;

public sealed class GgufReaderRoundTripTests
{
    [Fact]
    public void Read_EveryScalarType_ReturnsTheWrittenEntries()
    {
        GgufMetadataEntry[] entries =
        [
            new("u8", GgufValueType.UInt8, byte.MaxValue),
            new("i8", GgufValueType.Int8, sbyte.MinValue),
            new("u16", GgufValueType.UInt16, ushort.MaxValue),
            new("i16", GgufValueType.Int16, short.MinValue),
            new("u32", GgufValueType.UInt32, uint.MaxValue),
            new("i32", GgufValueType.Int32, int.MinValue),
            new("f32", GgufValueType.Float32, -1.25f),
            new("f32.nan", GgufValueType.Float32, float.NaN),
            new("bool.true", GgufValueType.Bool, true),
            new("bool.false", GgufValueType.Bool, false),
            new("string", GgufValueType.String, "héllo ✓ 𝄞"),
            new("string.empty", GgufValueType.String, string.Empty),
            new("u64", GgufValueType.UInt64, ulong.MaxValue),
            new("i64", GgufValueType.Int64, long.MinValue),
            new("f64", GgufValueType.Float64, Math.PI),
        ];
        var writer = new GgufWriter();
        foreach (var entry in entries)
        {
            writer.Add(entry);
        }

        var file = GgufTestFiles.Read(GgufTestFiles.ToBytes(writer));

        Assert.Equal(3u, file.Version);
        Assert.Equal(entries, file.Metadata);
        Assert.All(file.Metadata, entry => Assert.Equal(entries.Single(e => e.Key == entry.Key).Value.GetType(), entry.Value.GetType()));
        Assert.Empty(file.Tensors);
    }

    [Fact]
    public void Read_ArraysOfEveryTypeAndArraysOfArrays_ReturnsTheWrittenEntries()
    {
        GgufMetadataEntry[] entries =
        [
            Array("u8", GgufValueType.UInt8, (byte)0, byte.MaxValue),
            Array("i8", GgufValueType.Int8, (sbyte)-1, sbyte.MaxValue),
            Array("u16", GgufValueType.UInt16, (ushort)1, ushort.MaxValue),
            Array("i16", GgufValueType.Int16, (short)-2, short.MaxValue),
            Array("u32", GgufValueType.UInt32, 3u, uint.MaxValue),
            Array("i32", GgufValueType.Int32, -4, int.MaxValue),
            Array("f32", GgufValueType.Float32, 0.5f, float.NegativeInfinity),
            Array("bool", GgufValueType.Bool, true, false, true),
            Array("string", GgufValueType.String, "a", string.Empty, "ü"),
            Array("u64", GgufValueType.UInt64, 5UL, ulong.MaxValue),
            Array("i64", GgufValueType.Int64, -6L, long.MaxValue),
            Array("f64", GgufValueType.Float64, 0.25, double.Epsilon),
            Array("empty", GgufValueType.Float32),
            Array(
                "nested",
                GgufValueType.Array,
                new GgufArray(GgufValueType.Int32, [1, 2]),
                new GgufArray(GgufValueType.String, ["x"]),
                new GgufArray(GgufValueType.Bool, []),
                new GgufArray(GgufValueType.Array, [new GgufArray(GgufValueType.Float64, [1.5])])),
        ];
        var writer = new GgufWriter();
        foreach (var entry in entries)
        {
            writer.Add(entry);
        }

        var file = GgufTestFiles.Read(GgufTestFiles.ToBytes(writer));

        Assert.Equal(entries, file.Metadata);
        var nested = Assert.IsType<GgufArray>(file.GetArray("nested")?.Items[3]);
        Assert.Equal(1.5, Assert.IsType<GgufArray>(nested.Items[0]).Items[0]);
    }

    [Fact]
    public void Read_ConvenienceOverloads_ReturnValuesThroughTypedGetters()
    {
        var writer = new GgufWriter()
            .Add("general.architecture", "qwen2")
            .Add("u32", 7u)
            .Add("i32", -7)
            .Add("u64", 1UL << 40)
            .Add("f32", 0.5f)
            .Add("flag", true)
            .Add("tokens", ["a", "b"])
            .Add("scores", [1.5f, -1f])
            .Add("types", [1, 2, 3]);

        var file = GgufTestFiles.Read(GgufTestFiles.ToBytes(writer));

        Assert.Equal("qwen2", file.Architecture);
        Assert.Equal(7, file.GetInteger("u32"));
        Assert.Equal(-7, file.GetInteger("i32"));
        Assert.Equal(1L << 40, file.GetInteger("u64"));
        Assert.Equal(0.5, file.GetNumber("f32"));
        Assert.True(file.GetBool("flag"));
        Assert.Equal(["a", "b"], file.GetStringArray("tokens"));
        Assert.Equal([1.5f, -1f], file.GetArray("scores")!.AsReadOnlyList<float>());
        Assert.Equal([1, 2, 3], file.GetArray("types")!.AsReadOnlyList<int>());
        Assert.Equal(GgufValueType.Int32, file.GetArray("types")!.ElementType);
    }

    [Theory]
    [InlineData(32u)]
    [InlineData(64u)]
    [InlineData(4096u)]
    public void Read_Tensors_InfosMatchAndDataSitsAtAlignedOffsets(uint alignment)
    {
        var q4K = GgufTestFiles.Pattern(2 * 144, seed: 1);
        var q8 = GgufTestFiles.Pattern(3 * 34, seed: 2);
        var f16 = GgufTestFiles.Pattern(5 * 2, seed: 3);
        float[] f32 = [1f, -2f, 3.5f, 0f, 1e-3f, 9f];
        var writer = new GgufWriter(alignment)
            .Add("general.architecture", "llama")
            .AddTensor("blk.0.ffn_down.weight", [512], GgmlType.Q4_K, q4K)
            .AddTensor("blk.0.attn_k.weight", [32, 3], GgmlType.Q8_0, q8)
            .AddTensor("output_norm.weight", [5], GgmlType.F16, f16)
            .AddTensor("token_embd.weight", [3, 2], f32);
        var bytes = GgufTestFiles.ToBytes(writer);

        var file = GgufTestFiles.Read(bytes);

        Assert.Equal(alignment, file.Alignment);
        Assert.Equal(0, file.DataOffset % alignment);
        Assert.Equal(
            [
                ("blk.0.ffn_down.weight", new ulong[] { 512 }, GgmlType.Q4_K, 512UL, 288UL),
                ("blk.0.attn_k.weight", [32, 3], GgmlType.Q8_0, 96UL, 102UL),
                ("output_norm.weight", [5], GgmlType.F16, 5UL, 10UL),
                ("token_embd.weight", [3, 2], GgmlType.F32, 6UL, 24UL),
            ],
            file.Tensors.Select(t => (t.Name, t.Dimensions.ToArray(), t.Type, t.ElementCount, t.ByteSize)));
        Assert.All(file.Tensors, tensor => Assert.Equal(0UL, tensor.Offset % alignment));
        byte[][] expectedData = [q4K, q8, f16, [.. f32.SelectMany(BitConverter.GetBytes)]];
        for (var i = 0; i < file.Tensors.Count; i++)
        {
            var start = (int)file.GetTensorDataOffset(file.Tensors[i]);
            Assert.Equal(expectedData[i], bytes.AsSpan(start, expectedData[i].Length).ToArray());
        }
    }

    [Fact]
    public void Read_NonSeekableStream_ReturnsTheSameFileAsASeekableOne()
    {
        var bytes = GgufTestFiles.ToBytes(GgufTestFiles.SmallModel(alignment: 64));

        Assert.Equal(GgufTestFiles.Read(bytes), GgufTestFiles.Read(bytes, seekable: false));
    }

    [Fact]
    public void Read_StreamHandingOutOneByteAtATime_ReturnsTheSameFile()
    {
        var bytes = GgufTestFiles.ToBytes(GgufTestFiles.SmallModel());
        using var trickle = new ObservedReadStream(new MemoryStream(bytes), canSeek: false, maxBytesPerRead: 1);

        Assert.Equal(GgufTestFiles.Read(bytes), GgufReader.Read(trickle));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_StringsLongerThanTheReadBuffer_ReturnsThemWhole(bool seekable)
    {
        var template = string.Concat(Enumerable.Repeat("{% for m in messages %}ü{{ m.content }}{% endfor %}\n", 60_000));
        var medium = new string('x', 70_000);
        var bytes = GgufTestFiles.ToBytes(new GgufWriter().Add("tokenizer.chat_template", template).Add("medium", medium).Add("after", 1));

        var file = GgufTestFiles.Read(bytes, seekable);

        Assert.Equal(template, file.GetString("tokenizer.chat_template"));
        Assert.Equal(medium, file.GetString("medium"));
        Assert.Equal(1, file.GetInteger("after"));
    }

    [Fact]
    public void Read_Path_ReturnsTheFileWrittenToThatPath()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("model.gguf");
        GgufTestFiles.SmallModel().WriteTo(path);

        var file = GgufReader.Read(path);

        Assert.Equal(GgufTestFiles.Read(File.ReadAllBytes(path)), file);
        Assert.Equal("llama", file.Architecture);
        Assert.Equal(3, file.Tensors.Count);
    }

    [Fact]
    public void Read_StreamNotAtPositionZero_CountsOffsetsFromTheFilesFirstByte()
    {
        var bytes = GgufTestFiles.ToBytes(GgufTestFiles.SmallModel());
        using var stream = new MemoryStream();
        stream.Write(new byte[100]);
        stream.Write(bytes);
        stream.Position = 100;

        var file = GgufReader.Read(stream);

        Assert.Equal(GgufTestFiles.Read(bytes), file);
    }

    [Fact]
    public void Read_Version2_ReadsTheSameLayout()
    {
        var bytes = GgufTestFiles.ToBytes(GgufTestFiles.SmallModel());
        bytes[4] = 2;

        var file = GgufTestFiles.Read(bytes);

        Assert.Equal(2u, file.Version);
        Assert.Equal("llama", file.Architecture);
    }

    [Fact]
    public void Read_VocabularyOf150kStrings_ReturnsEveryToken()
    {
        var tokens = Enumerable.Range(0, 150_000).Select(i => $"tok_{i}_▁ü").ToArray();
        var scores = Enumerable.Range(0, 150_000).Select(i => (float)-i).ToArray();
        var bytes = GgufTestFiles.ToBytes(new GgufWriter().Add("tokenizer.ggml.tokens", tokens).Add("tokenizer.ggml.scores", scores));

        var file = GgufTestFiles.Read(bytes, seekable: false);

        Assert.Equal(tokens, file.GetStringArray("tokenizer.ggml.tokens"));
        Assert.Equal(scores, file.GetArray("tokenizer.ggml.scores")!.AsReadOnlyList<float>());
    }

    [Fact]
    public void Read_SparseFileWithFourGibibytesOfTensorData_ReadsOnlyTheHeader()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("big.gguf");
        const ulong Elements = 1UL << 30;
        var header = new GgufBytesBuilder()
            .Header(3, tensorCount: 1, metadataCount: 1)
            .String("general.architecture").Type(GgufValueType.String).String("llama")
            .TensorInfo("token_embd.weight", [Elements], (uint)GgmlType.F32, 0)
            .PadTo(32)
            .ToArray();
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            stream.Write(header);
            stream.SetLength(header.Length + (long)(Elements * 4));
        }

        using var observed = new ObservedReadStream(File.OpenRead(path), canSeek: true);
        var file = GgufReader.Read(observed);

        Assert.Equal(4UL << 30, file.Tensors[0].ByteSize);
        Assert.Equal(header.Length, file.DataOffset);
        Assert.True(observed.BytesRead <= 64 * 1024, $"read {observed.BytesRead} bytes");
    }

    private static GgufMetadataEntry Array(string key, GgufValueType elementType, params object[] items) =>
        new(key, GgufValueType.Array, new GgufArray(elementType, items));
}
