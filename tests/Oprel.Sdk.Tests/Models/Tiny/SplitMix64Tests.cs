using Oprel.Models.Tiny;

namespace Oprel.Sdk.Tests.Models.Tiny;

public sealed class SplitMix64Tests
{
    [Fact]
    public void NextUInt64_SeedZero_MatchesReferenceSequence()
    {
        var random = new SplitMix64(0);

        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }

    [Fact]
    public void NextDouble_ManyDraws_StaysInUnitInterval()
    {
        var random = new SplitMix64(42);

        for (var i = 0; i < 10_000; i++)
        {
            var value = random.NextDouble();
            Assert.InRange(value, 0.0, 0.9999999999999999);
        }
    }

    [Fact]
    public void Shuffle_SameSeed_GivesSamePermutation()
    {
        int[] first = [.. Enumerable.Range(0, 100)];
        int[] second = [.. Enumerable.Range(0, 100)];

        new SplitMix64(7).Shuffle(first.AsSpan());
        new SplitMix64(7).Shuffle(second.AsSpan());

        Assert.Equal(first, second);
        Assert.Equal(Enumerable.Range(0, 100), first.Order());
        Assert.NotEqual(Enumerable.Range(0, 100), first);
    }

    [Fact]
    public void NextInt32_NonPositiveBound_Throws()
    {
        var random = new SplitMix64(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt32(0));
    }
}
