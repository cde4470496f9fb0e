using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Oprel.AI;

namespace Oprel.Sdk.Tests.Api;

/// <summary>Oprel through Microsoft.Extensions.AI: IChatClient from DI, wrapped in MEAI's own pipeline.</summary>
public sealed class ChatClientAdapterTests(SdkServerFixture server) : IClassFixture<SdkServerFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => server.EnsureStartedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AddOprel_ResolvesAChatClientThatAnswers()
    {
        var services = new ServiceCollection().AddOprel(o => { o.Host = server.Host; o.Model = "tiny"; });
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<IChatClient>();

        var response = await chat.GetResponseAsync("Why is the sky blue?", new ChatOptions { MaxOutputTokens = 15, Temperature = 0 });

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(ChatRole.Assistant, response.Messages[0].Role);
        Assert.True(response.Usage?.OutputTokenCount > 0);
        Assert.Equal("oprel", chat.GetService<ChatClientMetadata>()?.ProviderName);
    }

    [Fact]
    public async Task Streaming_ThroughMeaiPipeline_YieldsUpdatesAndAFinishReason()
    {
        using IChatClient chat = new ChatClientBuilder(new OprelChatClient("tiny", server.Host)).UseOpenTelemetry().Build();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Tell me a story")], new ChatOptions { MaxOutputTokens = 12 }))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count > 1);
        Assert.Contains(updates, u => u.FinishReason is not null);
        Assert.False(string.IsNullOrWhiteSpace(string.Concat(updates.Select(u => u.Text))));
    }

    [Fact]
    public async Task JsonResponseFormat_AnswerParses()
    {
        using var chat = new OprelChatClient("tiny", server.Host);
        var response = await chat.GetResponseAsync("Give me JSON", new ChatOptions { ResponseFormat = ChatResponseFormat.Json, MaxOutputTokens = 60, Temperature = 0 });
        Assert.StartsWith("{", response.Text.Trim(), StringComparison.Ordinal);
    }
}
