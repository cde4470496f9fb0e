using System.Net;
using System.Text.Json.Nodes;
using Oprel.Supervisor.Cli;

namespace Oprel.Supervisor.Tests.Cli;

public sealed class InteractiveChatTests
{
    [Fact]
    public async Task RunAsync_Lines_SendsTheWholeHistoryEachTurn()
    {
        var (chat, handler, output, _) = Create("first\nsecond\n", system: "Be brief.");

        var exitCode = await chat.RunAsync(CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal("Hello there\nHello there\n", output.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(
            ["system:Be brief.", "user:first", "assistant:Hello there", "user:second"],
            Messages(handler.Requests[1].Body));
    }

    [Fact]
    public async Task RunAsync_Clear_ForgetsTurnsButKeepsTheSystemPrompt()
    {
        var (chat, handler, output, _) = Create("first\n/clear\nsecond\n", system: "Be brief.");

        await chat.RunAsync(CancellationToken.None);

        Assert.Contains("Cleared the conversation.", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(["system:Be brief.", "user:second"], Messages(handler.Requests[1].Body));
    }

    [Fact]
    public async Task RunAsync_MultiLineMessage_SendsItAsOneMessage()
    {
        var (chat, handler, _, _) = Create("\"\"\"\nline one\nline two\n\"\"\"\n");

        await chat.RunAsync(CancellationToken.None);

        Assert.Equal(["user:line one\nline two"], Messages(Assert.Single(handler.Requests).Body));
    }

    [Fact]
    public async Task RunAsync_Bye_StopsReading()
    {
        var (chat, handler, _, _) = Create("/bye\nnever sent\n");

        Assert.Equal(0, await chat.RunAsync(CancellationToken.None));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task RunAsync_Help_ListsTheCommands()
    {
        var (chat, _, output, _) = Create("/?\n");

        await chat.RunAsync(CancellationToken.None);

        Assert.Contains("/bye", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("/clear", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Verbose_WritesStatsToTheErrorStream()
    {
        var (chat, _, output, error) = Create("hi\n", verbose: true);

        await chat.RunAsync(CancellationToken.None);

        Assert.Contains("eval rate:            25.00 tokens/s", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("eval rate", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ServerError_EndsTheChatWithTheError()
    {
        var handler = new StubHttpHandler((_, _) => Task.FromResult(
            StubHttpHandler.Json(HttpStatusCode.NotFound, """{"error":"model 'nope' not found"}""")));
        var (chat, _, _, _) = Create("hi\n", handler: handler);

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => chat.RunAsync(CancellationToken.None));

        Assert.Equal("model 'nope' not found", error.Message);
    }

    private static (InteractiveChat Chat, StubHttpHandler Handler, StringWriter Output, StringWriter Error) Create(
        string input, string? system = null, bool verbose = false, StubHttpHandler? handler = null)
    {
        handler ??= new StubHttpHandler((_, _) => Task.FromResult(
            StubHttpHandler.Ndjson(ChatLines.Chunk("Hello"), ChatLines.Chunk(" there"), ChatLines.Final())));
        var api = new OprelHttpApi(new Uri("http://127.0.0.1:11434/"), handler);
        var output = new StringWriter();
        var error = new StringWriter();
        var chat = new InteractiveChat(
            api, new ChatSession("tiny", system), new StringReader(input), output, error, new ConsoleInterrupt(), isTerminal: false, verbose);
        return (chat, handler, output, error);
    }

    private static List<string> Messages(string body) =>
        JsonNode.Parse(body)!["messages"]!.AsArray().Select(m => $"{m!["role"]}:{m["content"]}").ToList();
}
