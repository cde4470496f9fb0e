using Oprel.Models;

namespace Oprel.Sdk.Tests.Models;

/// <summary>Parsing model identifiers: aliases, repositories, tags, files, and names that must never reach the file system.</summary>
public sealed class ModelReferenceTests
{
    [Theory]
    [InlineData("qwencoder", (int)ModelSourceKind.Alias, "qwencoder:latest", "Qwen/Qwen2.5-Coder-7B-Instruct-GGUF", null)]
    [InlineData("QwenCoder:Q4_K_M", (int)ModelSourceKind.Alias, "qwencoder:q4_k_m", "Qwen/Qwen2.5-Coder-7B-Instruct-GGUF", "Q4_K_M")]
    [InlineData("llama3:q8_0", (int)ModelSourceKind.Alias, "llama3:q8_0", "bartowski/Meta-Llama-3-8B-Instruct-GGUF", "Q8_0")]
    [InlineData("Qwen/Qwen2.5-7B-Instruct-GGUF", (int)ModelSourceKind.HuggingFace, "hf.co/qwen/qwen2.5-7b-instruct-gguf:latest", "Qwen/Qwen2.5-7B-Instruct-GGUF", null)]
    [InlineData("hf.co/Qwen/Qwen2.5-7B-Instruct-GGUF:Q4_K_M", (int)ModelSourceKind.HuggingFace, "hf.co/qwen/qwen2.5-7b-instruct-gguf:q4_k_m", "Qwen/Qwen2.5-7B-Instruct-GGUF", "Q4_K_M")]
    [InlineData("https://huggingface.co/owner/repo:iq4_xs", (int)ModelSourceKind.HuggingFace, "hf.co/owner/repo:iq4_xs", "owner/repo", "IQ4_XS")]
    [InlineData("tiny", (int)ModelSourceKind.BuiltIn, "tiny:latest", null, null)]
    [InlineData("my-copy:v2", (int)ModelSourceKind.Stored, "my-copy:v2", null, null)]
    public void Parse_Identifier_GivesKindNameRepositoryAndQuantization(string identifier, int kind, string name, string? repository, string? quantization)
    {
        var reference = ModelReference.Parse(identifier);

        Assert.Equal((ModelSourceKind)kind, reference.Kind);
        Assert.Equal(name, reference.Name);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(quantization, reference.Quantization);
    }

    [Fact]
    public void Parse_GgufPath_IsALocalFileWithItsFullPath()
    {
        var reference = ModelReference.Parse("models/../my model.gguf");

        Assert.Equal(ModelSourceKind.LocalFile, reference.Kind);
        Assert.Equal(Path.GetFullPath("my model.gguf"), reference.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("../../etc/passwd")]
    [InlineData("owner/../repo")]
    [InlineData("hf.co/owner/..")]
    [InlineData("hf.co/../../x")]
    [InlineData("a/b/c")]
    [InlineData("/etc/passwd")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("name:../x")]
    [InlineData("name:..")]
    [InlineData("owner\\repo")]
    [InlineData("qwen coder")]
    [InlineData("name\u0000x")]
    [InlineData("hf.co/owner")]
    [InlineData("owner/repo:tag/x")]
    public void Parse_NameThatCouldEscapeTheStore_IsAValidationError(string identifier)
    {
        Assert.Throws<ValidationException>(() => ModelReference.Parse(identifier));
    }

    [Theory]
    [InlineData("q4_k_m", "Q4_K_M")]
    [InlineData("Q8_0", "Q8_0")]
    [InlineData("fp16", "F16")]
    [InlineData("IQ4_XS", "IQ4_XS")]
    [InlineData("latest", null)]
    [InlineData("v2", null)]
    public void Normalize_Tag_RecognisesQuantizations(string tag, string? expected)
    {
        Assert.Equal(expected, Quantization.Normalize(tag));
    }

    [Theory]
    [InlineData("qwen2.5-coder-7b-instruct-q4_k_m.gguf", "Q4_K_M")]
    [InlineData("Meta-Llama-3-8B-Instruct-Q6_K.gguf", "Q6_K")]
    [InlineData("tinyllama-1.1b-chat-v1.0.Q5_K_M.gguf", "Q5_K_M")]
    [InlineData("qwen2.5-7b-instruct-q8_0-00001-of-00003.gguf", "Q8_0")]
    [InlineData("Q4_K_M/model-Q4_K_M-00002-of-00002.gguf", "Q4_K_M")]
    [InlineData("gemma-2-9b-it-f16.gguf", "F16")]
    [InlineData("model.gguf", null)]
    public void FromFileName_PublishedNames_FindTheQuantization(string fileName, string? expected)
    {
        Assert.Equal(expected, Quantization.FromFileName(fileName));
    }
}
