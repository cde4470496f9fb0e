using Oprel.Supervisor.Cli;

namespace Oprel.Supervisor.Tests.Cli;

public sealed class ChatSessionTests
{
    [Fact]
    public void CreateRequest_WithSystemPrompt_SendsSystemFirstThenTheMessage()
    {
        var session = new ChatSession("tiny", "Be brief.");

        var request = session.CreateRequest("Hi");

        Assert.Equal("tiny", request.Model);
        Assert.True(request.Stream);
        Assert.Equal(["system:Be brief.", "user:Hi"], request.Messages!.Select(m => $"{m.Role}:{m.Content}"));
    }

    [Fact]
    public void CreateRequest_AfterTurns_SendsTheWholeHistory()
    {
        var session = new ChatSession("tiny");
        session.Commit("one", "answer one");
        session.Commit("two", "answer two");

        var request = session.CreateRequest("three");

        Assert.Equal(
            ["user:one", "assistant:answer one", "user:two", "assistant:answer two", "user:three"],
            request.Messages!.Select(m => $"{m.Role}:{m.Content}"));
    }

    [Fact]
    public void CreateRequest_NotCommitted_LeavesHistoryUnchanged()
    {
        var session = new ChatSession("tiny");

        session.CreateRequest("dropped");

        Assert.Empty(session.Messages);
    }

    [Fact]
    public void Clear_WithSystemPrompt_KeepsOnlyTheSystemPrompt()
    {
        var session = new ChatSession("tiny", "You are a fox.");
        session.Commit("one", "answer");

        session.Clear();

        var message = Assert.Single(session.Messages);
        Assert.Equal(("system", "You are a fox."), (message.Role, message.Content));
        Assert.Equal(["system", "user"], session.CreateRequest("again").Messages!.Select(m => m.Role));
    }

    [Fact]
    public void Constructor_BlankSystemPrompt_SendsNoSystemMessage()
    {
        var session = new ChatSession("tiny", "  ");

        Assert.Null(session.SystemPrompt);
        Assert.Equal(["user"], session.CreateRequest("hi").Messages!.Select(m => m.Role));
    }
}
