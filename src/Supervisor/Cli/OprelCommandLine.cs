using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Oprel.Supervisor.Cli;

/// <summary>The `oprel` command line: its verbs, and how a parse is run.</summary>
internal static class OprelCommandLine
{
    public const string Description =
        """
        Oprel runs large language models locally, on .NET: like Ollama, `oprel run MODEL "PROMPT"` streams the answer from a
        server that it starts in the background when none is running (`oprel serve`, an Ollama-compatible HTTP API), and
        that stays up for the next command until `oprel stop`.

        Environment:
          OPREL_SERVER_HOST  Host of the server: where `serve` listens and the other verbs connect [default: 127.0.0.1]
          OPREL_SERVER_PORT  Port of the server [default: 11434]
          OPREL_CACHE_DIR    Folder of models and of the background server's logs (logs/serve-<port>.log) [default: ~/.cache/oprel]
          OPREL_LOG_LEVEL    Log level of the server: trace, debug, info, warn or error [default: info]
          OPREL_HF_ENDPOINT  Hugging Face, or a mirror of it, that models are pulled from [default: https://huggingface.co]
          HF_TOKEN           Hugging Face access token, for gated and private repositories
          OPREL_MAX_MEMORY_MB  Most memory one model may take, in MiB [default: what the machine has free]
        """;

    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(Description)
        {
            ServeCommand.Create(),
            RunCommand.Create(),
            ChatCommand.Create(),
            StopCommand.Create(),
            PsCommand.Create(),
            PullCommand.Create(),
            ListModelsCommand.Create(),
            SearchCommand.Create(),
            CacheCommand.Create(),
            InfoCommand.Create(),
        };

        foreach (var option in root.Options)
        {
            if (option is VersionOption)
            {
                option.Action = new VersionAction();
            }
        }

        // `oprel` alone shows the help, as `ollama` does.
        root.SetAction(parseResult => new HelpAction().Invoke(parseResult));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code. A parse error is one "Error: …" line and exit code 1.</summary>
    public static async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parseResult = CreateRootCommand().Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            var messages = string.Join("; ", parseResult.Errors.Select(error => error.Message.TrimEnd('.')));
            var verb = parseResult.CommandResult.Command is RootCommand ? "oprel" : $"oprel {parseResult.CommandResult.Command.Name}";
            await Console.Error.WriteLineAsync($"Error: {messages}. See '{verb} --help'.");
            return CommandRunner.Failure;
        }

        var configuration = new InvocationConfiguration
        {
            // Every action reports its own errors (CommandRunner) and handles Ctrl+C itself: the chat survives it.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }
}
