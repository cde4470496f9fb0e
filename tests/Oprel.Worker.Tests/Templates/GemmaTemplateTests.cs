using Oprel.Worker.Templates;

namespace Oprel.Worker.Tests.Templates;

public sealed class GemmaTemplateTests
{
    private const string Bos = "<bos>";
    private const string Eos = "<eos>";
    private const string AlternationError = "Conversation roles must alternate user/assistant/user/assistant/...";

    [Fact]
    public void Gemma2_SystemMessage_RaisesSystemRoleNotSupported()
    {
        var exception = Assert.Throws<TemplateException>(() => TemplateFixtures.Load("gemma2").Render(Conversations.Context(Conversations.Standard, Bos, Eos)));

        Assert.True(exception.RaisedByTemplate);
        Assert.Equal("System role not supported", exception.Detail);
        Assert.Equal(1, exception.Line);
    }

    [Fact]
    public void Gemma2_Conversation_RendersModelTurns()
    {
        var prompt = TemplateFixtures.Load("gemma2").Render(Conversations.Context(Conversations.WithoutSystem, Bos, Eos));

        Assert.Equal(
            "<bos><start_of_turn>user\nWhat is the capital of France?<end_of_turn>\n<start_of_turn>model\n" +
            "The capital of France is Paris.<end_of_turn>\n<start_of_turn>user\nAnd of Germany?<end_of_turn>\n" +
            "<start_of_turn>model\n",
            prompt);
    }

    [Fact]
    public void Gemma2_TwoUserMessagesInARow_RaisesTheAlternationError()
    {
        ChatTemplateMessage[] messages = [new("user", "Hello"), new("user", "Are you there?")];

        var exception = Assert.Throws<TemplateException>(() => TemplateFixtures.Load("gemma2").Render(Conversations.Context(messages, Bos, Eos)));

        Assert.Equal(AlternationError, exception.Detail);
    }

    [Fact]
    public void Gemma3_Conversation_PrefixesTheSystemPromptToTheFirstUserTurn()
    {
        var prompt = TemplateFixtures.Load("gemma3").Render(Conversations.Context(Conversations.Standard, Bos, Eos));

        Assert.Equal(
            "<bos><start_of_turn>user\nYou are a helpful assistant.\n\nWhat is the capital of France?<end_of_turn>\n" +
            "<start_of_turn>model\nThe capital of France is Paris.<end_of_turn>\n<start_of_turn>user\n" +
            "And of Germany?<end_of_turn>\n<start_of_turn>model\n",
            prompt);
    }

    [Fact]
    public void Gemma3_WithoutSystem_RendersModelTurns()
    {
        var prompt = TemplateFixtures.Load("gemma3").Render(Conversations.Context(Conversations.WithoutSystem, Bos, Eos));

        Assert.Equal(
            "<bos><start_of_turn>user\nWhat is the capital of France?<end_of_turn>\n<start_of_turn>model\n" +
            "The capital of France is Paris.<end_of_turn>\n<start_of_turn>user\nAnd of Germany?<end_of_turn>\n" +
            "<start_of_turn>model\n",
            prompt);
    }

    [Fact]
    public void Gemma3_SystemAfterUser_RaisesTheAlternationError()
    {
        ChatTemplateMessage[] messages = [new("user", "Hello"), Conversations.System, new("assistant", "Hi!")];

        var exception = Assert.Throws<TemplateException>(() => TemplateFixtures.Load("gemma3").Render(Conversations.Context(messages, Bos, Eos)));

        Assert.True(exception.RaisedByTemplate);
        Assert.Equal(AlternationError, exception.Detail);
        Assert.Equal(15, exception.Line);
    }

    [Fact]
    public void Gemma3_UnknownRoleWhereAUserBelongs_RaisesTheAlternationError()
    {
        ChatTemplateMessage[] messages = [new("critic", "Too short.")];

        var exception = Assert.Throws<TemplateException>(() => TemplateFixtures.Load("gemma3").Render(Conversations.Context(messages, Bos, Eos)));

        Assert.Equal(AlternationError, exception.Detail);
    }
}
