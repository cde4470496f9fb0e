using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;
using Oprel.Supervisor.Tests.EndToEnd;

namespace Oprel.Supervisor.Tests.Compatibility;

/// <summary>OllamaSharp, a real Ollama client from NuGet, against a real Oprel server: it must work unchanged.</summary>
public sealed class OllamaSharpTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private OllamaApiClient Client() => new(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}"), Timeout = TimeSpan.FromMinutes(2) }, "tiny");

    [Fact]
    public async Task IsRunningAndVersion_Answer()
    {
        using var client = Client();
        Assert.True(await client.IsRunningAsync());
        Assert.NotNull(await client.GetVersionAsync());
    }

    [Fact]
    public async Task Generate_Streams()
    {
        using var client = Client();
        var pieces = new List<GenerateResponseStream>();
        await foreach (var piece in client.GenerateAsync(new GenerateRequest { Model = "tiny", Prompt = "Tell me a story about a fox.", Options = new RequestOptions { NumPredict = 30, Seed = 2 } }))
        {
            pieces.Add(piece!);
        }

        Assert.True(pieces.Count > 2);
        var done = Assert.IsType<GenerateDoneResponseStream>(pieces[^1]);
        Assert.True(done.EvalCount > 0);
        Assert.True(done.TotalDuration > 0);
        Assert.False(string.IsNullOrWhiteSpace(string.Concat(pieces.Select(p => p.Response))));
    }

    [Fact]
    public async Task Generate_NotStreaming_GivesOneAnswer()
    {
        using var client = Client();
        var answers = new List<GenerateResponseStream?>();
        await foreach (var answer in client.GenerateAsync(new GenerateRequest { Model = "tiny", Prompt = "hi", Stream = false, Options = new RequestOptions { NumPredict = 10 } }))
        {
            answers.Add(answer);
        }

        var only = Assert.Single(answers);
        Assert.True(only!.Done);
        Assert.False(string.IsNullOrEmpty(only.Response));
    }

    [Fact]
    public async Task Chat_HelperClass_KeepsAConversation()
    {
        using var client = Client();
        var chat = new Chat(client, "You tell short stories.") { Options = new RequestOptions { NumPredict = 15 } };
        var first = string.Concat(await ToListAsync(chat.SendAsync("Tell me about the owl.")));
        var second = string.Concat(await ToListAsync(chat.SendAsync("And the fox?")));
        Assert.False(string.IsNullOrWhiteSpace(first));
        Assert.False(string.IsNullOrWhiteSpace(second));
        Assert.Equal(5, chat.Messages.Count);
    }

    [Fact]
    public async Task Chat_StreamsMessagesWithFinalStats()
    {
        using var client = Client();
        var request = new ChatRequest
        {
            Model = "tiny",
            Messages = [new OllamaSharp.Models.Chat.Message(ChatRole.User, "Why is the sky blue?")],
            Options = new RequestOptions { NumPredict = 20, Temperature = 0 },
        };
        var chunks = await ToListAsync(client.ChatAsync(request));
        var done = Assert.IsType<ChatDoneResponseStream>(chunks[^1]);
        Assert.Equal(ChatRole.Assistant, chunks[0]!.Message.Role);
        Assert.True(done.EvalCount > 0);
    }

    [Fact]
    public async Task Chat_JsonSchemaFormat_AnswerMatchesTheSchema()
    {
        using var client = Client();
        var schema = System.Text.Json.JsonDocument.Parse(
            """{"type":"object","properties":{"animal":{"type":"string","enum":["fox","owl","turtle"]},"legs":{"type":"integer","minimum":0,"maximum":8}},"required":["animal","legs"]}""").RootElement;
        var request = new ChatRequest
        {
            Model = "tiny",
            Messages = [new OllamaSharp.Models.Chat.Message(ChatRole.User, "Pick an animal.")],
            Format = schema,
            Stream = false,
            Options = new RequestOptions { Temperature = 0, NumPredict = 200 },
        };
        var answer = Assert.Single(await ToListAsync(client.ChatAsync(request)));
        var json = System.Text.Json.JsonDocument.Parse(answer!.Message.Content!).RootElement;
        Assert.Contains(json.GetProperty("animal").GetString(), new[] { "fox", "owl", "turtle" });
        Assert.InRange(json.GetProperty("legs").GetInt32(), 0, 8);
    }

    [Fact]
    public async Task Embed_GivesNormalisedVectors()
    {
        using var client = Client();
        var response = await client.EmbedAsync(new EmbedRequest { Model = "tiny", Input = ["the fox", "the owl"] });
        Assert.Equal(2, response.Embeddings.Count);
        Assert.All(response.Embeddings, v => Assert.InRange(Math.Sqrt(v.Sum(x => (double)x * x)), 0.999, 1.001));
    }

    [Fact]
    public async Task ListRunning_ShowsTheLoadedModel()
    {
        using var client = Client();
        await ToListAsync(client.GenerateAsync(new GenerateRequest { Model = "tiny", Prompt = "hi", Options = new RequestOptions { NumPredict = 2 } }));
        var running = await client.ListRunningModelsAsync();
        Assert.Contains(running, m => m.Name == "tiny:latest" && m.Size > 0);
    }

    [Fact]
    public async Task UnknownModel_RaisesAClientError()
    {
        using var client = Client();
        await Assert.ThrowsAnyAsync<Exception>(() => ToListAsync(client.GenerateAsync(new GenerateRequest { Model = "no-such-model", Prompt = "hi" })));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
