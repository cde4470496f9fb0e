using System.CommandLine;
using System.CommandLine.Invocation;
using Oprel.Supervisor.Cli;

namespace Oprel.Supervisor.Tests.Cli;

public sealed class OprelCommandLineTests
{
    [Fact]
    public void CreateRootCommand_Always_HasEveryVerb()
    {
        var root = OprelCommandLine.CreateRootCommand();

        Assert.Equal(["serve", "run", "chat", "stop", "ps", "pull", "list-models", "search", "cache", "info"], root.Subcommands.Select(c => c.Name));
        Assert.All(root.Subcommands, command => Assert.False(string.IsNullOrWhiteSpace(command.Description)));
    }

    [Fact]
    public void Parse_RunWithSeveralWords_KeepsEveryPromptWord()
    {
        var result = OprelCommandLine.CreateRootCommand().Parse(["run", "tiny", "Tell", "me", "a", "story.", "--port", "18555", "--verbose"]);

        Assert.Empty(result.Errors);
        Assert.Equal("run", result.CommandResult.Command.Name);
        Assert.Equal("tiny", result.GetValue<string>("MODEL"));
        Assert.Equal(["Tell", "me", "a", "story."], result.GetValue<string[]>("PROMPT")!);
        Assert.Equal(18555, result.GetValue<int?>("--port"));
        Assert.True(result.GetValue<bool>("--verbose"));
    }

    [Theory]
    [InlineData("serve", "--host", "--port", "--log-file")]
    [InlineData("run", "--host", "--port", "--verbose")]
    [InlineData("chat", "--host", "--port", "--system")]
    [InlineData("stop", "--host", "--port")]
    [InlineData("ps", "--host", "--port")]
    public void Verb_Options_AreDescribed(string verb, params string[] options)
    {
        var command = OprelCommandLine.CreateRootCommand().Subcommands.Single(c => c.Name == verb);

        foreach (var name in options)
        {
            var option = command.Options.Single(o => o.Name == name);
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{verb} {name}");
            Assert.False(option.Hidden);
        }
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "tiny", "--port", "0")]
    [InlineData("run", "tiny", "--port", "70000")]
    [InlineData("bogus")]
    public void Parse_BadInput_IsAParseError(params string[] args)
    {
        var result = OprelCommandLine.CreateRootCommand().Parse(args);

        Assert.IsType<ParseErrorAction>(result.Action);
    }

    [Fact]
    public void Parse_Version_RunsTheVersionAction()
    {
        var result = OprelCommandLine.CreateRootCommand().Parse(["--version"]);

        Assert.IsType<VersionAction>(result.Action);
        Assert.Matches(@"^\d+\.\d+\.\d+", VersionAction.Version);
    }

    [Fact]
    public void Description_Always_NamesTheEnvironmentVariables()
    {
        Assert.All(
            new[] { "OPREL_SERVER_HOST", "OPREL_SERVER_PORT", "OPREL_CACHE_DIR", "OPREL_LOG_LEVEL" },
            variable => Assert.Contains(variable, OprelCommandLine.Description, StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_Failures_AreOneLine()
    {
        Assert.Equal("Error: model 'x' not found", CommandRunner.ErrorLine(new ModelNotFoundException("model 'x' not found")));
        Assert.Equal("Error: first second", CommandRunner.ErrorLine(new OprelException("first\nsecond")));
        Assert.StartsWith("Error: could not reach the Oprel server:", CommandRunner.ErrorLine(new HttpRequestException("Connection refused")), StringComparison.Ordinal);
    }
}
