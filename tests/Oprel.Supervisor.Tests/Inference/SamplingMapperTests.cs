using System.Text.Json;
using Oprel.OllamaApi;
using Oprel.Supervisor.Inference;

namespace Oprel.Supervisor.Tests.Inference;

public sealed class SamplingMapperTests
{
    [Fact]
    public void Map_NoOptions_UsesOllamaDefaults()
    {
        var sampling = SamplingMapper.Map(null, null);
        Assert.Equal(0.8f, sampling.Temperature);
        Assert.Equal(40, sampling.TopK);
        Assert.Equal(-1, sampling.NumPredict);
        Assert.Null(sampling.Seed);
        Assert.Null(sampling.Grammar);
    }

    [Fact]
    public void Map_Options_AreCarriedOver()
    {
        var sampling = SamplingMapper.Map(
            new OllamaOptions { Temperature = 0, TopK = 5, TopP = 0.5f, MinP = 0.1f, Seed = 42, NumPredict = 12, Stop = ["\n"], RepeatPenalty = 1.3f },
            null);
        Assert.Equal(0f, sampling.Temperature);
        Assert.Equal(5, sampling.TopK);
        Assert.Equal(0.5f, sampling.TopP);
        Assert.Equal(0.1f, sampling.MinP);
        Assert.Equal(42u, sampling.Seed);
        Assert.Equal(12, sampling.NumPredict);
        Assert.Equal(["\n"], sampling.Stop);
        Assert.Equal(1.3f, sampling.RepeatPenalty);
    }

    [Fact]
    public void Map_NegativeSeed_MeansRandom() => Assert.Null(SamplingMapper.Map(new OllamaOptions { Seed = -1 }, null).Seed);

    [Theory]
    [InlineData(-0.1f, null)]
    [InlineData(2.5f, null)]
    [InlineData(null, 1.5f)]
    public void Map_OutOfRange_IsAValidationError(float? temperature, float? topP) =>
        Assert.Throws<ValidationException>(() => SamplingMapper.Map(new OllamaOptions { Temperature = temperature, TopP = topP }, null));

    [Fact]
    public void Map_FormatJson_AddsAJsonGrammar()
    {
        var sampling = SamplingMapper.Map(null, JsonDocument.Parse("\"json\"").RootElement);
        Assert.Contains("root", sampling.Grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_UnknownFormat_IsAValidationError() =>
        Assert.Throws<ValidationException>(() => SamplingMapper.Map(null, JsonDocument.Parse("\"xml\"").RootElement));
}
