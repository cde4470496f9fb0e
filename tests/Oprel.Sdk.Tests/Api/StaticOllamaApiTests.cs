using System.Globalization;
using static Oprel.Ollama;

namespace Oprel.Sdk.Tests.Api;

/// <summary>
/// The seed's module-level functions (`from oprel import chat, generate`) as <c>using static Oprel.Ollama</c>. They use
/// the default server of OPREL_SERVER_HOST/PORT, so the fixture points those at a private port before first use.
/// </summary>
public sealed class StaticOllamaApiTests(StaticOllamaApiTests.EnvironmentFixture environment) : IClassFixture<StaticOllamaApiTests.EnvironmentFixture>
{
    [Fact]
    public void Chat_AsInTheSeed_StartsTheServerAndAnswers()
    {
        var response = Chat(
            "tiny",
            [new Message("system", "You are a helpful assistant."), new Message("user", "What is Python?")],
            new GenerationOptions { NumPredict = 20 });

        Assert.False(string.IsNullOrWhiteSpace(response.Message.Content));
        Assert.Equal(response.Message.Content, response["message"]?["content"]?.GetValue<string>());
        Assert.Equal(environment.Server.Port, new Uri(environment.Server.Host).Port);
    }

    [Fact]
    public void ChatStream_AsInTheSeed_YieldsPieces()
    {
        var pieces = ChatStream("tiny", [Message.User("Tell me a story")], new GenerationOptions { NumPredict = 15 }).Select(c => c.Message.Content).ToList();
        Assert.True(pieces.Count > 1);
    }

    [Fact]
    public void Generate_AsInTheSeed_ReturnsTheResponse()
    {
        var response = Generate("tiny", "What is Python?", new GenerationOptions { NumPredict = 10 });
        Assert.False(string.IsNullOrWhiteSpace(response.Response));
    }

    [Fact]
    public async Task GenerateAsync_AsyncTwin_Works()
    {
        var response = await GenerateAsync("tiny", "What is Python?", new GenerationOptions { NumPredict = 10 });
        Assert.True(response.Done);
    }

    [Fact]
    public void Generate_UnknownModel_RaisesModelNotFound() =>
        Assert.Throws<ModelNotFoundException>(() => Generate("nonexistent", "hi"));

    /// <summary>Points OPREL_SERVER_* and OPREL_CACHE_DIR at a private server before the static API first reads them.</summary>
    public sealed class EnvironmentFixture : IAsyncLifetime
    {
        public SdkServerFixture Server { get; } = new();

        public Task InitializeAsync()
        {
            Environment.SetEnvironmentVariable("OPREL_SERVER_HOST", "127.0.0.1");
            Environment.SetEnvironmentVariable("OPREL_SERVER_PORT", Server.Port.ToString(CultureInfo.InvariantCulture));
            Environment.SetEnvironmentVariable("OPREL_CACHE_DIR", Server.CacheDirectory);
            return Task.CompletedTask;
        }

        public Task DisposeAsync() => Server.DisposeAsync();
    }
}
