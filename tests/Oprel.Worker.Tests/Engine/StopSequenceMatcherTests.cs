using Oprel.Worker.Engine;

namespace Oprel.Worker.Tests.Engine;

public sealed class StopSequenceMatcherTests
{
    [Fact]
    public void Append_NoStops_PassesTextThrough()
    {
        var matcher = new StopSequenceMatcher([]);
        Assert.Equal("hello", matcher.Append("hello"));
        Assert.False(matcher.Stopped);
    }

    [Fact]
    public void Append_StopSplitAcrossPieces_NeverEmitsAnyOfIt()
    {
        var matcher = new StopSequenceMatcher(["END"]);
        var emitted = matcher.Append("the fox E") + matcher.Append("N") + matcher.Append("D and more");
        Assert.Equal("the fox ", emitted);
        Assert.True(matcher.Stopped);
        Assert.Equal("", matcher.Append("later"));
    }

    [Fact]
    public void Append_PrefixThatDoesNotComplete_IsReleased()
    {
        var matcher = new StopSequenceMatcher(["\n\n"]);
        Assert.Equal("a", matcher.Append("a\n"));
        Assert.Equal("\nb", matcher.Append("b"));
        Assert.False(matcher.Stopped);
    }

    [Fact]
    public void Append_EarliestOfSeveralStopsWins()
    {
        var matcher = new StopSequenceMatcher(["world", "lo"]);
        Assert.Equal("hel", matcher.Append("hello world"));
    }

    [Fact]
    public void Flush_AfterHeldPrefix_ReturnsIt()
    {
        var matcher = new StopSequenceMatcher(["STOP"]);
        Assert.Equal("go ", matcher.Append("go ST"));
        Assert.Equal("ST", matcher.Flush());
    }

    [Fact]
    public void Constructor_EmptyStopStrings_AreIgnored()
    {
        var matcher = new StopSequenceMatcher(["", "x"]);
        Assert.Equal("ab", matcher.Append("ab"));
    }
}
