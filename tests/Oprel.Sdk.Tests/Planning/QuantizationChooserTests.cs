using Oprel.Planning;

namespace Oprel.Sdk.Tests.Planning;

/// <summary>Choosing Mistral 7B's quantization (its published file sizes) for different machines.</summary>
public sealed class QuantizationChooserTests
{
    private const long GB = 1_000_000_000;

    [Theory]
    [InlineData(16 * GB, "Q8_0")]
    [InlineData(8 * GB, "Q6_K")]
    [InlineData(6 * GB, "Q4_K_M")]
    [InlineData(5_400_000_000, "Q4_K_M")]
    [InlineData(4 * GB, "Q2_K")]
    public void Choose_AvailableRamOnly_TakesTheBestThatFits(long availableRam, string expected)
    {
        var choice = Choose(new MemoryBudget(availableRam, 0, null, false));

        Assert.Equal(expected, choice.Quantization);
        Assert.Equal(0, choice.Placement.GpuLayers);
        Assert.True(choice.Placement.CpuBytes <= availableRam);
    }

    [Fact]
    public void Choose_MaxMemoryCap_LimitsEvenAMachineWithPlentyOfRam()
    {
        var choice = Choose(new MemoryBudget(64 * GB, 0, 6000L * 1024 * 1024, false));

        Assert.Equal("Q5_K_M", choice.Quantization);
    }

    [Fact]
    public void Choose_NothingFits_NamesTheSmallestNeedAndTheBudget()
    {
        var error = Assert.Throws<MemoryLimitException>(() => Choose(new MemoryBudget(3 * GB, 0, null, false)));

        Assert.Contains("mistral:latest", error.Message, StringComparison.Ordinal);
        Assert.Contains("Q2_K needs 3.7 GB", error.Message, StringComparison.Ordinal);
        Assert.Contains("available RAM 3.0 GB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_LargeGpu_OffloadsEveryLayerOfQ8()
    {
        var choice = Choose(new MemoryBudget(2 * GB, 24 * GB, null, true));

        Assert.Equal("Q8_0", choice.Quantization);
        Assert.Equal(33, choice.Placement.GpuLayers);
        Assert.True(choice.Placement.GpuBytes <= 24 * GB);
        Assert.True(choice.Placement.CpuBytes < 2 * GB);
    }

    [Fact]
    public void Choose_SmallGpuAndEnoughRam_SplitsTheLayers()
    {
        var choice = Choose(new MemoryBudget(16 * GB, 4 * GB, null, true));

        Assert.Equal("Q8_0", choice.Quantization);
        Assert.InRange(choice.Placement.GpuLayers, 1, 32);
        Assert.True(choice.Placement.GpuBytes <= 4 * GB);
    }

    [Fact]
    public void Choose_GpuButNoRoomForTheRestInRam_StepsDownUntilItFits()
    {
        var choice = Choose(new MemoryBudget(3 * GB, 4 * GB, null, true));

        Assert.True(choice.Placement.Fits);
        Assert.True(choice.Placement.GpuBytes <= 4 * GB);
        Assert.True(choice.Placement.CpuBytes <= 3 * GB);
        Assert.NotEqual("Q8_0", choice.Quantization);
    }

    [Fact]
    public void Choose_RepositoryWithoutPreferredQuantizations_TakesTheLargestThatFits()
    {
        var options = new[] { new QuantizationOption("F16", 14_497_337_024), new QuantizationOption("IQ4_XS", 3_911_430_336) };

        var choice = QuantizationChooser.Choose("mistral:latest", options, PublishedModels.Mistral7B, 4096, 512, new MemoryBudget(8 * GB, 0, null, false), -1);

        Assert.Equal("IQ4_XS", choice.Quantization);
    }

    [Fact]
    public void Place_ExplicitZeroGpuLayers_KeepsEverythingOnTheCpu()
    {
        var estimate = MemoryEstimator.Estimate(PublishedModels.Mistral7B, 4_372_812_000, 4096, 512);

        var placement = MemoryPlanner.Place(estimate, 32, new MemoryBudget(16 * GB, 24 * GB, null, true), 0);

        Assert.Equal(0, placement.GpuLayers);
        Assert.Equal(0, placement.GpuBytes);
        Assert.Equal(estimate.TotalBytes, placement.CpuBytes);
    }

    [Fact]
    public void From_HardwareWithoutAvailableFigure_UsesTheTotal()
    {
        var hardware = new Oprel.Hardware.HardwareInfo(
            "test", new Oprel.Hardware.CpuInfo(4, null, null, true, true, false), new Oprel.Hardware.MemoryInfo(8 * GB, null, null, "test"), [], []);

        var budget = MemoryBudget.From(hardware, maxMemoryMb: 4096, gpuOffload: true);

        Assert.Equal(8 * GB, budget.RamBytes);
        Assert.Equal(4096L * 1024 * 1024, budget.CapBytes);
        Assert.False(budget.GpuOffload);
    }

    private static QuantizationChoice Choose(MemoryBudget budget) =>
        QuantizationChooser.Choose("mistral:latest", PublishedModels.Mistral7BFiles, PublishedModels.Mistral7B, 4096, 512, budget, -1);
}
