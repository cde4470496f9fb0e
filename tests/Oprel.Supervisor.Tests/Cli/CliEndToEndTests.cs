using System.Net;
using System.Net.Sockets;
using Oprel.Supervisor.Tests.EndToEnd;

namespace Oprel.Supervisor.Tests.Cli;

/// <summary>The real `oprel` executable against the real server it starts in the background, with the built-in tiny model.</summary>
public sealed class CliEndToEndTests(CliFixture cli) : IClassFixture<CliFixture>
{
    [Fact]
    public async Task Run_Prompt_StreamsTheAnswerAndLeavesTheServerRunning()
    {
        var (exitCode, output, error) = await cli.RunAsync("run", "tiny", "Tell me a story about a fox.");

        Assert.True(exitCode == 0, error);
        Assert.Equal("", error);
        Assert.False(string.IsNullOrWhiteSpace(output));
        Assert.EndsWith("\n", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(cli.CacheDirectory, "logs", $"serve-{cli.Port}.log")));

        var (_, ps, _) = await cli.RunAsync("ps");
        Assert.StartsWith("NAME", ps, StringComparison.Ordinal);
        Assert.Contains("tiny", ps, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Verbose_WritesStatsToStderr()
    {
        var (exitCode, output, error) = await cli.RunAsync("run", "tiny", "Why is the sky blue?", "--verbose");

        Assert.True(exitCode == 0, error);
        Assert.False(string.IsNullOrWhiteSpace(output));
        Assert.Contains("total duration:", error, StringComparison.Ordinal);
        Assert.Contains("eval rate:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("eval rate:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PromptOnStdin_AnswersIt()
    {
        var (exitCode, output, error) = await cli.RunWithInputAsync("A fox in the snow.\n", "run", "tiny");

        Assert.True(exitCode == 0, error);
        Assert.False(string.IsNullOrWhiteSpace(output));
    }

    [Fact]
    public async Task Run_UnknownModel_PrintsOneErrorLine()
    {
        var (exitCode, output, error) = await cli.RunAsync("run", "no-such-model", "hi");

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal("Error: model 'no-such-model' not found", error.TrimEnd());
    }

    [Fact]
    public async Task Chat_PipedLines_AnswersEachUntilBye()
    {
        var (exitCode, output, error) = await cli.RunWithInputAsync(
            "hello\n/clear\n\"\"\"\nline one\nline two\n\"\"\"\n/bye\nnever sent\n", "chat", "tiny", "--system", "You are a fox.");

        Assert.True(exitCode == 0, error);
        Assert.Contains("Cleared the conversation.", output, StringComparison.Ordinal);
        var answers = output.Split("Cleared the conversation.");
        Assert.False(string.IsNullOrWhiteSpace(answers[0]));
        Assert.False(string.IsNullOrWhiteSpace(answers[1]));
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var (exitCode, output, _) = await cli.RunAsync("--version");

        Assert.Equal(0, exitCode);
        Assert.Matches(@"^oprel version \d+\.\d+\.\d+", output);
    }

    [Fact]
    public async Task Stop_RunningServer_StopsItThenFindsNone()
    {
        var port = OprelProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (runCode, _, runError) = await cli.RunAsync("run", "tiny", "hi", "--port", port);
        Assert.True(runCode == 0, runError);

        var (stopCode, stopOutput, stopError) = await cli.RunAsync("stop", "--port", port);
        var (againCode, againOutput, _) = await cli.RunAsync("stop", "--port", port);

        Assert.True(stopCode == 0, stopError);
        Assert.Equal($"Stopped the Oprel server on port {port}.", stopOutput.TrimEnd());
        Assert.Equal(0, againCode);
        Assert.Equal($"No Oprel server is running on port {port}.", againOutput.TrimEnd());
    }

    [Fact]
    public async Task Run_PortTakenByAnotherProgram_SaysTheServerDidNotStart()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var (exitCode, _, error) = await cli.RunAsync("run", "tiny", "hi", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"Error: the Oprel server did not start on 127.0.0.1:{port}; see ", error, StringComparison.Ordinal);
        Assert.EndsWith($"serve-{port}.log", error.TrimEnd(), StringComparison.Ordinal);
    }
}
