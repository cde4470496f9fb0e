using Oprel.Gguf;

namespace Oprel.Tests.HuggingFace;

/// <summary>Small GGUF files with a llama header (block count, widths, heads) and one tensor of the size a test wants.</summary>
internal static class TestGguf
{
    public static byte[] Create(int tensorBytes, int blockCount = 4, int embedding = 256, int heads = 8, int kvHeads = 2, int vocabulary = 1000, string? name = null)
    {
        var floats = Math.Max(1, tensorBytes / 4);
        var writer = new GgufWriter()
            .Add("general.architecture", "llama")
            .Add("general.name", name ?? "test")
            .Add("llama.block_count", (uint)blockCount)
            .Add("llama.embedding_length", (uint)embedding)
            .Add("llama.attention.head_count", (uint)heads)
            .Add("llama.attention.head_count_kv", (uint)kvHeads)
            .Add("llama.context_length", 2048u)
            .Add("llama.vocab_size", (uint)vocabulary)
            .AddTensor("weights", [(ulong)floats], new float[floats]);
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }
}
