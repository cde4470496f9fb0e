using Oprel.Supervisor.Cli;

namespace Oprel.Supervisor.Tests.Cli;

public sealed class ChatInputReaderTests
{
    [Fact]
    public void Add_PlainLine_ReturnsTrimmedMessage()
    {
        var input = new ChatInputReader().Add("  Why is the sky blue?  ");

        Assert.Equal(new ChatInput(ChatInputKind.Message, "Why is the sky blue?"), input);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Add_BlankLine_ReturnsEmpty(string line)
    {
        Assert.Equal(ChatInputKind.Empty, new ChatInputReader().Add(line)?.Kind);
    }

    [Fact]
    public void Add_TextAfterOpeningAndBeforeClosingFence_AssemblesOneMessage()
    {
        var reader = new ChatInputReader();

        Assert.Null(reader.Add("\"\"\"Hello"));
        Assert.True(reader.IsContinuing);
        Assert.Null(reader.Add("second line"));
        var input = reader.Add("end\"\"\"");

        Assert.False(reader.IsContinuing);
        Assert.Equal(new ChatInput(ChatInputKind.Message, "Hello\nsecond line\nend"), input);
    }

    [Fact]
    public void Add_FencesOnTheirOwnLines_KeepInnerLinesAndBlankLinesBetween()
    {
        var reader = new ChatInputReader();

        Assert.Null(reader.Add("\"\"\""));
        Assert.Null(reader.Add("first"));
        Assert.Null(reader.Add(""));
        Assert.Null(reader.Add("  indented"));
        var input = reader.Add("\"\"\"");

        Assert.Equal(new ChatInput(ChatInputKind.Message, "first\n\n  indented"), input);
    }

    [Fact]
    public void Add_FencedOnOneLine_ReturnsMessage()
    {
        var reader = new ChatInputReader();

        Assert.Equal(new ChatInput(ChatInputKind.Message, "one line"), reader.Add("\"\"\"one line\"\"\""));
        Assert.False(reader.IsContinuing);
    }

    [Fact]
    public void Add_CommandInsideFence_IsPartOfTheMessage()
    {
        var reader = new ChatInputReader();
        reader.Add("\"\"\"");
        reader.Add("/bye");

        Assert.Equal(new ChatInput(ChatInputKind.Message, "/bye"), reader.Add("\"\"\""));
    }

    [Fact]
    public void Add_EmptyFence_ReturnsEmpty()
    {
        var reader = new ChatInputReader();
        reader.Add("\"\"\"");

        Assert.Equal(ChatInputKind.Empty, reader.Add("\"\"\"")?.Kind);
    }

    [Theory]
    [InlineData("/bye", nameof(ChatInputKind.Exit))]
    [InlineData("/exit", nameof(ChatInputKind.Exit))]
    [InlineData("  /BYE  ", nameof(ChatInputKind.Exit))]
    [InlineData("/clear", nameof(ChatInputKind.Clear))]
    [InlineData("/?", nameof(ChatInputKind.Help))]
    [InlineData("/help", nameof(ChatInputKind.Help))]
    [InlineData("/set verbose", nameof(ChatInputKind.UnknownCommand))]
    public void Add_SlashLine_ReturnsCommand(string line, string expected)
    {
        Assert.Equal(expected, new ChatInputReader().Add(line)?.Kind.ToString());
    }

    [Fact]
    public void Add_UnknownCommand_CarriesTheCommandWord()
    {
        Assert.Equal("/set", new ChatInputReader().Add("/set verbose")?.Text);
    }

    [Fact]
    public void Reset_InsideFence_DropsThePartialMessage()
    {
        var reader = new ChatInputReader();
        reader.Add("\"\"\"draft");

        reader.Reset();

        Assert.False(reader.IsContinuing);
        Assert.Equal(new ChatInput(ChatInputKind.Message, "next"), reader.Add("next"));
    }
}
