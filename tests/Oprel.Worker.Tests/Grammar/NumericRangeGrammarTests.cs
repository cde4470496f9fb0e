using System.Globalization;
using Oprel.Worker.Grammar;

namespace Oprel.Worker.Tests.Grammar;

/// <summary>Numeric ranges checked value by value in llama.cpp's grammar engine, around and across their bounds.</summary>
public sealed class NumericRangeGrammarTests(TinyGrammarFixture tiny) : IClassFixture<TinyGrammarFixture>
{
    [Theory]
    [InlineData(-37, 1234)]
    [InlineData(0, 9)]
    [InlineData(10, 99)]
    [InlineData(7, 7)]
    [InlineData(-1005, -998)]
    [InlineData(95, 10005)]
    public void IntegerRange_EveryIntegerNearTheBounds_AcceptedExactlyWhenInside(long min, long max)
    {
        var grammar = Grammar(NumericRangeGrammar.IntegerRange(min, max)!);

        for (var value = min - 30; value <= max + 30; value += value > min + 30 && value < max - 30 ? 7 : 1)
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            Assert.True((value >= min && value <= max) == tiny.Probe.Accepts(grammar, text), $"{text} in [{min}, {max}]\n{grammar}");
        }
    }

    [Fact]
    public void IntegerRange_OneBoundOnly_ReachesSixteenDigits()
    {
        var atLeast = Grammar(NumericRangeGrammar.IntegerRange(-5, null)!);
        var atMost = Grammar(NumericRangeGrammar.IntegerRange(null, 5)!);

        Assert.True(tiny.Probe.Accepts(atLeast, "9999999999999999"));
        Assert.False(tiny.Probe.Accepts(atLeast, "-6"));
        Assert.True(tiny.Probe.Accepts(atMost, "-9999999999999999"));
        Assert.False(tiny.Probe.Accepts(atMost, "6"));
        Assert.False(tiny.Probe.Accepts(atMost, "10"));
    }

    [Theory]
    [InlineData("0", "1", new[] { "0", "0.5", "0.999", "1" }, new[] { "1.0001", "1.5", "-0.1", "2" })]
    [InlineData("0.25", "0.75", new[] { "0.25", "0.3", "0.5", "0.7", "0.75", "0.2500001", "0.7499" }, new[] { "0.2", "0.249", "0.76", "0.7501", "0", "1" })]
    [InlineData("-1.5", "-0.5", new[] { "-1.5", "-1", "-0.5", "-0.75", "-1.4999" }, new[] { "-1.6", "-0.4", "0", "-2", "-0.4999" })]
    [InlineData("99.9", "100.1", new[] { "99.9", "99.95", "100", "100.05", "100.1" }, new[] { "99.8", "99", "100.2", "101", "100.11" })]
    [InlineData("3", "3", new[] { "3" }, new[] { "3.1", "2.9", "4" })]
    public void DecimalRange_SampleValues_AcceptedExactlyWhenInside(string min, string max, string[] inside, string[] outside)
    {
        var grammar = Grammar(NumericRangeGrammar.DecimalRange(decimal.Parse(min, CultureInfo.InvariantCulture), decimal.Parse(max, CultureInfo.InvariantCulture))!);

        Assert.All(inside, text => Assert.True(tiny.Probe.Accepts(grammar, text), $"{text} should be in [{min}, {max}]\n{grammar}"));
        Assert.All(outside, text => Assert.False(tiny.Probe.Accepts(grammar, text), $"{text} should not be in [{min}, {max}]\n{grammar}"));
    }

    [Fact]
    public void DecimalRange_EveryHundredthAcrossTheBounds_AcceptedExactlyWhenInside()
    {
        var grammar = Grammar(NumericRangeGrammar.DecimalRange(-1.37m, 2.05m)!);

        for (var value = -2m; value <= 3m; value += 0.01m)
        {
            var text = value.ToString("0.##", CultureInfo.InvariantCulture);
            Assert.True((value >= -1.37m && value <= 2.05m) == tiny.Probe.Accepts(grammar, text), $"{text}\n{grammar}");
        }
    }

    [Fact]
    public void Ranges_Empty_Null()
    {
        Assert.Null(NumericRangeGrammar.IntegerRange(3, 2));
        Assert.Null(NumericRangeGrammar.IntegerRange(0.2m, 0.8m));
        Assert.Null(NumericRangeGrammar.DecimalRange(1, 0.5m));
        Assert.Null(NumericRangeGrammar.IntegerRange(1e20m, null));
    }

    private static string Grammar(string range) => $"root ::= {range}\n";
}
