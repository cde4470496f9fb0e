using Oprel.Models;

namespace Oprel.Sdk.Tests.Models;

/// <summary>The registry of aliases: the seed's names, the families the issue lists, and file patterns that match published names.</summary>
public sealed class ModelRegistryTests
{
    [Theory]
    [InlineData("qwencoder")]
    [InlineData("llama3")]
    [InlineData("qwen2.5")]
    [InlineData("qwen2.5-coder-1.5b")]
    [InlineData("llama3.2")]
    [InlineData("phi3.5")]
    [InlineData("gemma2")]
    [InlineData("mistral")]
    [InlineData("smollm2")]
    [InlineData("tinyllama")]
    [InlineData("deepseek-coder")]
    [InlineData("nomic-embed-text")]
    public void Find_KnownAlias_HasARepositoryAndFacts(string name)
    {
        var alias = ModelRegistry.Find(name.ToUpperInvariant())!;

        Assert.Equal(name, alias.Name);
        Assert.Matches("^[A-Za-z0-9-_.]+/[A-Za-z0-9-_.]+$", alias.Repository);
        Assert.Contains("{quant}", alias.FilePattern, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(alias.Description));
        Assert.Matches("^[0-9.]+[BM]$", alias.Parameters);
        Assert.True(alias.ContextLength >= 2048);
    }

    [Fact]
    public void Aliases_AreUniqueValidNamesAndNotTiny()
    {
        var names = ModelRegistry.Aliases.Select(a => a.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain("tiny", names);
        Assert.All(names, n => Assert.Equal(ModelSourceKind.Alias, ModelReference.Parse(n).Kind));
        Assert.Equal("embedding", ModelRegistry.Find("nomic-embed-text")!.Kind);
    }

    [Theory]
    [InlineData("qwencoder", "qwen2.5-coder-7b-instruct-q4_k_m.gguf", true)]
    [InlineData("qwencoder", "qwen2.5-coder-7b-instruct-fp16-00001-of-00004.gguf", true)]
    [InlineData("qwencoder", "qwen2.5-coder-7b-instruct-q4_k_m-mmproj.gguf", false)]
    [InlineData("llama3", "Meta-Llama-3-8B-Instruct-Q4_K_M.gguf", true)]
    [InlineData("llama3", "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", false)]
    [InlineData("tinyllama", "tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf", true)]
    [InlineData("deepseek-coder", "deepseek-coder-6.7b-instruct.Q8_0.gguf", true)]
    [InlineData("nomic-embed-text", "nomic-embed-text-v1.5.f16.gguf", true)]
    public void Matches_PublishedFileNames_FollowsTheAliasPattern(string alias, string fileName, bool expected)
    {
        Assert.Equal(expected, ModelRegistry.Find(alias)!.Matches(fileName));
    }

    [Fact]
    public void Search_Words_FindsAliasesByNameAndDescription()
    {
        var coders = ModelRegistry.Search("coder").Select(a => a.Name).ToList();

        Assert.Contains("qwencoder", coders);
        Assert.Contains("deepseek-coder", coders);
        Assert.DoesNotContain("mistral", coders);
        Assert.Contains("nomic-embed-text", ModelRegistry.Search("embeddings").Select(a => a.Name));
    }
}
