namespace Oprel.Sdk.Tests.Api;

/// <summary>The seed's Client and AsyncClient examples against a real Oprel server.</summary>
public sealed class ClientTests(SdkServerFixture server) : IClassFixture<SdkServerFixture>, IAsyncLifetime
{
    private static readonly Message[] Conversation =
    [
        new("system", "You are a Python expert."),
        new("user", "Explain decorators"),
    ];

    public Task InitializeAsync() => server.EnsureStartedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Chat_ReturnsTheAssistantsMessageAndStats()
    {
        using var client = new Client(server.Host);
        var response = client.Chat("tiny", Conversation, new GenerationOptions { NumPredict = 20 });

        Assert.Equal("assistant", response.Message.Role);
        Assert.False(string.IsNullOrWhiteSpace(response.Message.Content));
        Assert.True(response.Done);
        Assert.True(response.EvalCount > 0);
        Assert.Equal(response.Message.Content, response["message"]?["content"]?.GetValue<string>());
        Assert.True(response["done"]!.GetValue<bool>());
    }

    [Fact]
    public void ChatStream_YieldsPiecesThenDone()
    {
        using var client = new Client(server.Host);
        var chunks = client.ChatStream("tiny", Conversation, new GenerationOptions { NumPredict = 20 }).ToList();
        Assert.True(chunks.Count > 2);
        Assert.True(chunks[^1].Done);
        Assert.All(chunks[..^1], c => Assert.False(c.Done));
    }

    [Fact]
    public void Generate_ReturnsTheResponse()
    {
        using var client = new Client(server.Host);
        var response = client.Generate("tiny", "What is Python?", new GenerationOptions { NumPredict = 15, Temperature = 0, Seed = 1 });
        Assert.False(string.IsNullOrWhiteSpace(response.Response));
        Assert.Equal(response.Response, response["response"]!.GetValue<string>());
    }

    [Fact]
    public void Generate_UnknownModel_RaisesModelNotFound()
    {
        using var client = new Client(server.Host);
        var error = Assert.Throws<ModelNotFoundException>(() => client.Generate("nonexistent", "hi"));
        Assert.Equal("model 'nonexistent' not found", error.Message);
    }

    [Fact]
    public void Generate_BadOption_RaisesValidation()
    {
        using var client = new Client(server.Host);
        Assert.Throws<ValidationException>(() => client.Generate("tiny", "hi", new GenerationOptions { Temperature = 5 }));
    }

    [Fact]
    public void Chat_NoServer_RaisesBackendSayingSo()
    {
        using var client = new Client("http://127.0.0.1:9");
        var error = Assert.Throws<BackendException>(() => client.Chat("tiny", Conversation));
        Assert.Contains("no Oprel server answers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsyncClient_ChatAndStream_Work()
    {
        using var client = new AsyncClient(server.Host);
        var response = await client.ChatAsync("tiny", Conversation, new GenerationOptions { NumPredict = 10 });
        Assert.True(response.Done);

        var pieces = new List<string>();
        await foreach (var chunk in client.ChatStreamAsync("tiny", Conversation, new GenerationOptions { NumPredict = 10 }))
        {
            pieces.Add(chunk.Message.Content);
        }

        Assert.True(pieces.Count > 1);
    }

    [Fact]
    public async Task AsyncClient_GenerateStream_CancelStops()
    {
        using var client = new AsyncClient(server.Host);
        using var cancel = new CancellationTokenSource();
        var count = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GenerateStreamAsync("tiny", "Write a story", new GenerationOptions { NumPredict = 100_000 }, cancellationToken: cancel.Token))
            {
                if (++count == 2)
                {
                    await cancel.CancelAsync();
                }
            }
        });
    }

    [Fact]
    public async Task OprelHttpClient_PostGetAndHealth_Work()
    {
        using var http = new OprelHttpClient(server.Host);
        Assert.True(await http.HealthCheckAsync());
        var answer = await http.PostAsync("/generate", new { model = "tiny", prompt = "hi", stream = false, options = new { num_predict = 5 } });
        Assert.True(answer!["done"]!.GetValue<bool>());
        var version = await http.GetAsync("/api/version");
        Assert.False(string.IsNullOrEmpty(version!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task OprelHttpClient_NoServer_HealthIsFalse()
    {
        using var http = new OprelHttpClient("http://127.0.0.1:9");
        Assert.False(await http.HealthCheckAsync());
    }
}
