namespace Oprel.Sdk.Tests.Api;

/// <summary>The seed's Model examples in server mode, against a real Oprel server the SDK starts itself.</summary>
public sealed class ModelServerModeTests(SdkServerFixture server) : IClassFixture<SdkServerFixture>
{
    [Fact]
    public void Generate_BasicPrompt_ReturnsReadableText()
    {
        using var model = new Model("tiny", config: server.Config());
        var response = model.Generate("What is Python?", maxTokens: 40);
        Assert.Matches("[A-Za-z]+ [a-z]+", response);
        Assert.True(model.IsLoaded);
    }

    [Fact]
    public void Generate_CustomParameters_AreHonoured()
    {
        using var model = new Model("tiny", config: server.Config());
        var first = model.Generate("Explain quantum computing", maxTokens: 8, temperature: 0);
        var second = model.Generate("Explain quantum computing", maxTokens: 8, temperature: 0);
        Assert.Equal(first, second);
        Assert.True(first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 8);
    }

    [Fact]
    public void GenerateStream_YieldsSeveralPieces()
    {
        using var model = new Model("tiny", config: server.Config());
        var pieces = model.GenerateStream("Write a story", maxTokens: 30, temperature: 0.7f).ToList();
        Assert.True(pieces.Count > 1);
        Assert.False(string.IsNullOrWhiteSpace(string.Concat(pieces)));
    }

    [Fact]
    public async Task GenerateStreamAsync_Cancelled_Stops()
    {
        await using var model = new Model("tiny", config: server.Config());
        using var cancel = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in model.GenerateStreamAsync("Write a story", maxTokens: 100_000, temperature: 0.9f, cancellationToken: cancel.Token))
            {
                if (++received == 2)
                {
                    await cancel.CancelAsync();
                }
            }
        });
    }

    [Fact]
    public void Generate_Conversation_KeepsHistoryAndSystemPrompt()
    {
        using var model = new Model("tiny", config: server.Config());
        var first = model.Generate("My name is Alice", conversationId: "chat-1", systemPrompt: "You are a helpful assistant.", maxTokens: 10);
        model.Generate("What's my name?", conversationId: "chat-1", maxTokens: 10);

        var history = model.GetConversation("chat-1");
        Assert.Equal(["system", "user", "assistant", "user", "assistant"], history.Select(m => m.Role));
        Assert.Equal("You are a helpful assistant.", history[0].Content);
        Assert.Equal("My name is Alice", history[1].Content);
        Assert.Equal(first, history[2].Content);
        Assert.Equal("What's my name?", history[3].Content);

        model.Generate("Start again", conversationId: "chat-1", resetConversation: true, maxTokens: 5);
        Assert.Equal(["user", "assistant"], model.GetConversation("chat-1").Select(m => m.Role));
    }

    [Fact]
    public async Task Load_ServerMode_PreloadsAndUnloadFrees()
    {
        await using var model = new Model("tiny", config: server.Config());
        await model.LoadAsync();
        Assert.True(model.IsLoaded);
        await model.UnloadAsync();
        Assert.False(model.IsLoaded);
    }

    [Fact]
    public void Generate_UnknownModel_RaisesModelNotFound()
    {
        using var model = new Model("nonexistent", config: server.Config());
        var error = Assert.Throws<ModelNotFoundException>(() => model.Generate("hi"));
        Assert.Contains("nonexistent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_MaxMemoryBelowTheWeights_RaisesMemoryLimit()
    {
        using var model = new Model("tiny", maxMemoryMb: 1, config: server.Config());
        Assert.Throws<MemoryLimitException>(() => model.Generate("hi"));
    }
}
