using Oprel.Models.Tiny;

namespace Oprel.Sdk.Tests.Models.Tiny;

public sealed class DeterministicMathTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(1.0 / 3.0)]
    [InlineData(0.001)]
    [InlineData(1.4142135623730951)]
    [InlineData(1.4142135623730954)]
    [InlineData(123456.789)]
    [InlineData(1e-300)]
    public void Log_PositiveValue_MatchesMathLog(double value)
    {
        var expected = Math.Log(value);

        var actual = DeterministicMath.Log(value);

        Assert.True(Math.Abs(actual - expected) <= 1e-15 * Math.Max(1.0, Math.Abs(expected)), $"ln({value}) = {actual}, expected {expected}");
    }

    [Fact]
    public void Log_CountRatios_MatchMathLog()
    {
        for (var total = 1; total <= 60; total++)
        {
            for (var count = 1; count <= total; count++)
            {
                var ratio = count / (double)total;
                Assert.Equal(Math.Log(ratio), DeterministicMath.Log(ratio), tolerance: 1e-14);
            }
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Log_NonPositiveOrNonFinite_Throws(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicMath.Log(value));
    }
}
