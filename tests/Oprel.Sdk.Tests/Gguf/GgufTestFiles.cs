using Oprel.Gguf;

namespace Oprel.Sdk.Tests.Gguf;

/// <summary>Writing GGUF files to memory and reading them back, and a small file that uses every part of the format.</summary>
internal static class GgufTestFiles
{
    public static byte[] ToBytes(GgufWriter writer)
    {
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }

    public static GgufFile Read(byte[] bytes, bool seekable = true)
    {
        using var stream = new ObservedReadStream(new MemoryStream(bytes, writable: false), seekable);
        return GgufReader.Read(stream);
    }

    /// <summary>Metadata of several types (nested arrays included) and three tensors with padding between them.</summary>
    public static GgufWriter SmallModel(uint alignment = 32) =>
        new GgufWriter(alignment)
            .Add("general.architecture", "llama")
            .Add("llama.context_length", 4096u)
            .Add("llama.rope.freq_base", 10000f)
            .Add("general.flag", true)
            .Add("tokenizer.ggml.tokens", ["<s>", "</s>", "héllo"])
            .Add("tokenizer.ggml.scores", [0f, -1.5f, 2.25f])
            .Add("tokenizer.ggml.token_type", [1, 3, 1])
            .Add(new GgufMetadataEntry("test.nested", GgufValueType.Array, new GgufArray(
                GgufValueType.Array,
                [
                    new GgufArray(GgufValueType.UInt16, [(ushort)1, (ushort)2]),
                    new GgufArray(GgufValueType.String, ["x"]),
                ])))
            .Add(new GgufMetadataEntry("test.i64", GgufValueType.Int64, -5L))
            .AddTensor("token_embd.weight", [4, 2], [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f])
            .AddTensor("blk.0.attn_q.weight", [32, 1], GgmlType.Q8_0, Pattern(34, seed: 7))
            .AddTensor("output_norm.weight", [3], GgmlType.F16, Pattern(6, seed: 11));

    /// <summary>Deterministic non-zero bytes.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
