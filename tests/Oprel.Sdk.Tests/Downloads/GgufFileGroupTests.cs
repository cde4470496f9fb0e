using Oprel.Downloads;
using Oprel.HuggingFace;
using Oprel.Models;

namespace Oprel.Sdk.Tests.Downloads;

/// <summary>Finding the downloadable models among a repository's files.</summary>
public sealed class GgufFileGroupTests
{
    [Fact]
    public void FromFiles_PublishedRepository_GroupsShardsAndSkipsTheRest()
    {
        HuggingFaceFile[] files =
        [
            new("README.md", 10, null),
            new("qwen2.5-7b-instruct-q4_k_m.gguf", 100, Sha('a')),
            new("qwen2.5-7b-instruct-q8_0-00002-of-00002.gguf", 60, Sha('c')),
            new("qwen2.5-7b-instruct-q8_0-00001-of-00002.gguf", 50, Sha('b')),
            new("qwen2.5-7b-instruct-fp16-00001-of-00003.gguf", 50, Sha('d')),
            new("mmproj-qwen2.5-7b-f16.gguf", 5, Sha('e')),
        ];

        var groups = GgufFileGroup.FromFiles(files, null);

        Assert.Equal(2, groups.Count);
        var q8 = groups.Single(g => g.Quantization == "Q8_0");
        Assert.Equal(["qwen2.5-7b-instruct-q8_0-00001-of-00002.gguf", "qwen2.5-7b-instruct-q8_0-00002-of-00002.gguf"], q8.Files.Select(f => f.Path));
        Assert.Equal(110, q8.TotalBytes);
        Assert.Equal(100, groups.Single(g => g.Quantization == "Q4_K_M").TotalBytes);
    }

    [Fact]
    public void FromFiles_Alias_KeepsOnlyFilesOfItsPattern()
    {
        HuggingFaceFile[] files =
        [
            new("Meta-Llama-3-8B-Instruct-Q4_K_M.gguf", 100, Sha('a')),
            new("Meta-Llama-3-8B-Instruct-abliterated-Q4_K_M.gguf", 100, Sha('b')),
        ];

        var groups = GgufFileGroup.FromFiles(files, ModelRegistry.Find("llama3"));

        Assert.Equal("Meta-Llama-3-8B-Instruct-Q4_K_M.gguf", Assert.Single(groups).Files.Single().Path);
    }

    private static string Sha(char c) => new(c, 64);
}
