using Oprel.Models;
using Oprel.Planning;

namespace Oprel.Sdk.Tests.Planning;

/// <summary>The memory estimate against figures of real models (llama.cpp's own KV cache sizes, published file sizes).</summary>
public sealed class MemoryEstimatorTests
{
    [Fact]
    public void KvCacheBytes_Llama3At8192Tokens_IsTheGibibyteLlamaCppReports()
    {
        Assert.Equal(1024L * 1024 * 1024, MemoryEstimator.KvCacheBytes(PublishedModels.Llama3_8B, 8192));
    }

    [Fact]
    public void KvCacheBytes_Qwen25At32768Tokens_Is1792MiB()
    {
        Assert.Equal(1792L * 1024 * 1024, MemoryEstimator.KvCacheBytes(PublishedModels.Qwen25_7B, 32_768));
    }

    [Fact]
    public void Estimate_Mistral7BQ4KMAt4096Tokens_IsItsFileSizePlusAboutOneGigabyte()
    {
        var estimate = MemoryEstimator.Estimate(PublishedModels.Mistral7B, 4_372_812_000, 4096, 512);

        Assert.Equal(4_372_812_000, estimate.WeightsBytes);
        Assert.Equal(512L * 1024 * 1024, estimate.KvCacheBytes);
        Assert.InRange(estimate.ComputeBytes, 250_000_000, 350_000_000);
        Assert.InRange(estimate.TotalBytes, 5_200_000_000, 5_500_000_000);
        Assert.Contains("weights 4.4 GB", estimate.Describe(), StringComparison.Ordinal);
        Assert.Contains("at 4096 tokens", estimate.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_LongerContext_GrowsTheKvCacheLinearly()
    {
        var short4k = MemoryEstimator.Estimate(PublishedModels.Mistral7B, 4_372_812_000, 4096, 512);
        var long32k = MemoryEstimator.Estimate(PublishedModels.Mistral7B, 4_372_812_000, 32_768, 512);

        Assert.Equal(8 * short4k.KvCacheBytes, long32k.KvCacheBytes);
        Assert.True(long32k.ComputeBytes > short4k.ComputeBytes);
    }

    [Fact]
    public void Estimate_LargeVocabulary_ComputeBufferCoversTheLogits()
    {
        var estimate = MemoryEstimator.Estimate(PublishedModels.Qwen25_7B, 4_683_073_536, 512, 512);

        Assert.True(estimate.ComputeBytes >= 4L * 512 * 152_064);
    }

    [Theory]
    [InlineData(4_372_812_000, "Q4_K_M", 6_500_000_000, 7_800_000_000)]
    [InlineData(7_702_565_056, "Q8_0", 6_800_000_000, 7_600_000_000)]
    [InlineData(4_683_073_536, "Q4_K_M", 7_000_000_000, 8_200_000_000)]
    public void EstimateParameters_PublishedFileSizes_GiveTheModelsSize(long bytes, string quantization, long low, long high)
    {
        Assert.InRange(Quantization.EstimateParameters(bytes, quantization), low, high);
    }

    [Fact]
    public void FromGguf_TinyModel_ReadsItsLayersAndHeads()
    {
        using var stream = new MemoryStream();
        Oprel.Models.Tiny.TinyModel.CreateWriter().WriteTo(stream);
        stream.Position = 0;

        var shape = ModelShape.FromGguf(Oprel.Gguf.GgufReader.Read(stream))!;

        Assert.Equal("llama", shape.Architecture);
        Assert.Equal(Oprel.Models.Tiny.TinyHyperparameters.BlockCount, shape.BlockCount);
        Assert.Equal(Oprel.Models.Tiny.TinyHyperparameters.EmbeddingLength, shape.EmbeddingLength);
        Assert.Equal(Oprel.Models.Tiny.TinyHyperparameters.HeadCountKv, shape.HeadCountKv);
        Assert.False(shape.IsGuess);
    }
}
