using Oprel.Supervisor.Inference.Tools;

namespace Oprel.Supervisor.Tests.Inference.Tools;

public sealed class ToolCallBufferTests
{
    [Fact]
    public void Prose_StreamsAsItComes_AfterTheFirstWord()
    {
        var buffer = new ToolCallBuffer(ToolCallParserTests.Parser(ToolCallFormat.Hermes));

        Assert.Equal("", buffer.Push(" "));
        Assert.Equal("", buffer.Push("<"));
        Assert.Equal(" <b", buffer.Push("b"));
        Assert.Equal(">hi", buffer.Push(">hi"));
        var end = buffer.Finish();
        Assert.Equal("", end.Content);
        Assert.Empty(end.Calls);
    }

    [Fact]
    public void ACall_IsHeldBackAndParsedAtTheEnd()
    {
        var buffer = new ToolCallBuffer(ToolCallParserTests.Parser(ToolCallFormat.Hermes));

        foreach (var piece in new[] { "<tool", "_call>", "{\"name\":\"get_weather\",", "\"arguments\":{\"city\":\"Paris\"}}", "</tool_call>" })
        {
            Assert.Equal("", buffer.Push(piece));
        }

        var end = buffer.Finish();
        Assert.Equal("", end.Content);
        Assert.Equal("get_weather", Assert.Single(end.Calls).Name);
    }

    [Fact]
    public void HeldJsonThatIsNoCall_ComesBackAsText()
    {
        var buffer = new ToolCallBuffer(ToolCallParserTests.Parser(ToolCallFormat.Json));

        Assert.Equal("", buffer.Push("{\"answer\":"));
        Assert.Equal("", buffer.Push(" 42}"));
        var end = buffer.Finish();
        Assert.Equal("{\"answer\": 42}", end.Content);
        Assert.Empty(end.Calls);
    }

    [Fact]
    public void AnAnswerOfOnlyAMarkerPrefix_ComesBackAsText()
    {
        var buffer = new ToolCallBuffer(ToolCallParserTests.Parser(ToolCallFormat.Mistral));

        Assert.Equal("", buffer.Push("[TO"));
        var end = buffer.Finish();
        Assert.Equal("[TO", end.Content);
        Assert.Empty(end.Calls);
    }
}
