using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Oprel.Supervisor.Cli;

namespace Oprel.Supervisor.Tests.Cli;

public sealed class OprelHttpApiTests
{
    private static readonly Uri Server = new("http://127.0.0.1:11434/");

    [Fact]
    public void ParseChatLine_ErrorLine_ThrowsWithTheServersMessage()
    {
        var error = Assert.Throws<OprelException>(() => OprelHttpApi.ParseChatLine("""{"error":"the worker crashed"}"""));

        Assert.Equal("the worker crashed", error.Message);
    }

    [Fact]
    public void ParseChatLine_Chunk_ReturnsItsContent()
    {
        var chunk = OprelHttpApi.ParseChatLine(ChatLines.Chunk("Once"));

        Assert.Equal("Once", chunk.Message.Content);
        Assert.False(chunk.Done);
    }

    [Fact]
    public void ParseChatLine_FinalChunk_CarriesStats()
    {
        var chunk = OprelHttpApi.ParseChatLine(ChatLines.Final());

        Assert.True(chunk.Done);
        Assert.Equal(40, chunk.EvalCount);
        Assert.Equal(1_600_000_000, chunk.EvalDuration);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"done":true}""")]
    public void ParseChatLine_NotAChunk_ThrowsOprelException(string line)
    {
        var error = Assert.Throws<OprelException>(() => OprelHttpApi.ParseChatLine(line));

        Assert.Contains("not a chat chunk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorFromBody_NotFoundWithError_IsModelNotFoundWithTheMessage()
    {
        var error = OprelHttpApi.ErrorFromBody(HttpStatusCode.NotFound, "Not Found", """{"error":"model 'x' not found"}""");

        Assert.IsType<ModelNotFoundException>(error);
        Assert.Equal("model 'x' not found", error.Message);
    }

    [Fact]
    public void ErrorFromBody_NoErrorBody_DescribesTheStatus()
    {
        var error = OprelHttpApi.ErrorFromBody(HttpStatusCode.BadGateway, "Bad Gateway", "<html>oops</html>");

        Assert.Equal("the Oprel server answered 502 Bad Gateway", error.Message);
    }

    [Fact]
    public async Task ChatAsync_StreamedLines_YieldsChunksUpToTheFinalOne()
    {
        var handler = new StubHttpHandler((_, _) => Task.FromResult(
            StubHttpHandler.Ndjson(ChatLines.Chunk("Once"), "", ChatLines.Chunk(" upon"), ChatLines.Final())));
        using var api = new OprelHttpApi(Server, handler);
        var request = new ChatSession("tiny").CreateRequest("Tell me a story.");

        var chunks = await ToListAsync(api.ChatAsync(request, CancellationToken.None));

        Assert.Equal(["Once", " upon", ""], chunks.Select(c => c.Message.Content));
        Assert.True(chunks[^1].Done);
        var (path, body) = Assert.Single(handler.Requests);
        Assert.Equal("/api/chat", path);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("tiny", json["model"]!.GetValue<string>());
        Assert.True(json["stream"]!.GetValue<bool>());
        Assert.Equal("Tell me a story.", json["messages"]![0]!["content"]!.GetValue<string>());
        Assert.Equal("user", json["messages"]![0]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatAsync_ErrorLineInStream_ThrowsAfterTheChunksBefore()
    {
        var handler = new StubHttpHandler((_, _) => Task.FromResult(
            StubHttpHandler.Ndjson(ChatLines.Chunk("Once"), """{"error":"the worker for 'tiny' exited"}""")));
        using var api = new OprelHttpApi(Server, handler);
        var seen = new List<string?>();

        var error = await Assert.ThrowsAsync<OprelException>(async () =>
        {
            await foreach (var chunk in api.ChatAsync(new ChatSession("tiny").CreateRequest("hi"), CancellationToken.None))
            {
                seen.Add(chunk.Message.Content);
            }
        });

        Assert.Equal(["Once"], seen);
        Assert.Equal("the worker for 'tiny' exited", error.Message);
    }

    [Fact]
    public async Task ChatAsync_UnknownModel_ThrowsModelNotFound()
    {
        var handler = new StubHttpHandler((_, _) => Task.FromResult(
            StubHttpHandler.Json(HttpStatusCode.NotFound, """{"error":"model 'x' not found"}""")));
        using var api = new OprelHttpApi(Server, handler);

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(
            () => ToListAsync(api.ChatAsync(new ChatSession("x").CreateRequest("hi"), CancellationToken.None)));

        Assert.Equal("Error: model 'x' not found", CommandRunner.ErrorLine(error));
    }

    [Fact]
    public async Task ChatAsync_StreamEndsWithoutFinalChunk_Throws()
    {
        var handler = new StubHttpHandler((_, _) => Task.FromResult(StubHttpHandler.Ndjson(ChatLines.Chunk("Once"))));
        using var api = new OprelHttpApi(Server, handler);

        var error = await Assert.ThrowsAsync<OprelException>(
            () => ToListAsync(api.ChatAsync(new ChatSession("tiny").CreateRequest("hi"), CancellationToken.None)));

        Assert.Contains("before it was done", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryGetVersionAsync_ServerAnswers_ReturnsItsVersion()
    {
        var handler = new StubHttpHandler((_, _) => Task.FromResult(StubHttpHandler.Json(HttpStatusCode.OK, """{"version":"0.1.0"}""")));
        using var api = new OprelHttpApi(Server, handler);

        Assert.Equal("0.1.0", await api.TryGetVersionAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Equal("/api/version", Assert.Single(handler.Requests).Path);
    }

    [Fact]
    public async Task TryGetVersionAsync_NothingListens_ReturnsNull()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var api = new OprelHttpApi(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Null(await api.TryGetVersionAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task TryGetVersionAsync_ServerSilent_ReturnsNullAfterTheTimeout()
    {
        var handler = new StubHttpHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var api = new OprelHttpApi(Server, handler);
        var started = System.Diagnostics.Stopwatch.StartNew();

        Assert.Null(await api.TryGetVersionAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task ListRunningAsync_ModelList_ReturnsTheModels()
    {
        var handler = new StubHttpHandler((_, _) => Task.FromResult(StubHttpHandler.Json(
            HttpStatusCode.OK,
            """{"models":[{"name":"tiny","model":"tiny","size":1500000,"size_vram":0,"expires_at":"2030-01-01T00:00:00Z","context_length":4096,"pid":42,"processor":"100% CPU"}]}""")));
        using var api = new OprelHttpApi(Server, handler);

        var list = await api.ListRunningAsync(CancellationToken.None);

        var model = Assert.Single(list.Models);
        Assert.Equal(("tiny", 42, 1_500_000L), (model.Name, model.Pid, model.Size));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
