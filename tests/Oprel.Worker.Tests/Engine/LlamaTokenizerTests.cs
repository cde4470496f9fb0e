using System.Text;
using LLama;
using LLama.Common;
using Oprel.Worker.Engine;

namespace Oprel.Worker.Tests.Engine;

/// <summary>The one-call tokenizer against LLamaSharp's own (which counts first, then tokenizes again), on the tiny model.</summary>
public sealed class LlamaTokenizerTests(TinyEngineFixture tiny) : IClassFixture<TinyEngineFixture>
{
    public static TheoryData<string, bool, bool> Texts => new()
    {
        { "the fox", true, true },
        { "the fox", false, true },
        { "", true, true },
        { "", false, false },
        { "<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n", false, true },
        { "<|im_start|>user\nhello<|im_end|>", true, false },
        { "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich 🦊🦊", true, true },
        // Nothing here is in the vocabulary: every byte becomes a byte token, the most tokens a text can give.
        { "日本語のテキスト🦊", true, true },
    };

    [Fact]
    public void For_OnThisMachine_CallsLlamaCppDirectly()
    {
        // LLamaSharp's CPU build for Linux, Windows and macOS is a libllama file among the process's modules.
        using var weights = LoadWeights();
        Assert.True(LlamaTokenizer.For(weights.NativeHandle).IsDirect);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Tokenize_GivesLLamaSharpsTokens(string text, bool addSpecial, bool parseSpecial)
    {
        using var weights = LoadWeights();
        var expected = weights.NativeHandle.Tokenize(text, addSpecial, parseSpecial, Encoding.UTF8);

        var tokens = LlamaTokenizer.For(weights.NativeHandle).Tokenize(text, addSpecial, parseSpecial);

        Assert.Equal(expected, tokens);
    }

    [Fact]
    public void Tokenize_LongTextOfByteTokens_FitsItsBuffer()
    {
        using var weights = LoadWeights();
        var text = string.Concat(Enumerable.Repeat("日本語🦊 the fox. ", 2_000));
        var expected = weights.NativeHandle.Tokenize(text, true, true, Encoding.UTF8);

        var tokens = LlamaTokenizer.For(weights.NativeHandle).Tokenize(text, addSpecial: true, parseSpecial: true);

        Assert.True(tokens.Length > 30_000, $"{tokens.Length} tokens");
        Assert.Equal(expected, tokens);
    }

    private LLamaWeights LoadWeights() => LLamaWeights.LoadFromFile(new ModelParams(tiny.ModelPath) { GpuLayerCount = 0 });
}
