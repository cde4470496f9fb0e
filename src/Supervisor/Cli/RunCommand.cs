using System.CommandLine;

using Oprel.Server;

namespace Oprel.Supervisor.Cli;

/// <summary>`oprel run MODEL [PROMPT]`: one answer streamed to stdout, or the chat when there is no prompt on a terminal.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var model = ModelArgument.Create();
        var prompt = new Argument<string[]>("PROMPT")
        {
            Description = "The prompt (several words are joined with spaces). Without one, the prompt is standard input when it is redirected; on a terminal, an interactive chat starts",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var verbose = CommonOptions.Verbose();
        var host = CommonOptions.ClientHost();
        var port = CommonOptions.ClientPort();

        var command = new Command(
            "run",
            "Run a model: stream its answer to PROMPT on stdout. Starts the server in the background when none answers, and leaves it running for the next command")
        {
            model, prompt, verbose, host, port,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            token => RunAsync(
                parseResult.GetRequiredValue(model),
                parseResult.GetValue(prompt) ?? [],
                parseResult.GetValue(verbose),
                parseResult.GetValue(host),
                parseResult.GetValue(port),
                token),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string modelName, string[] promptWords, bool verbose, string? host, int? port, CancellationToken cancellationToken)
    {
        var config = new Config();
        var endpoint = ServerEndpoint.ForClient(config, host, port);
        var model = ModelArgument.Resolve(modelName);
        string prompt;
        if (promptWords.Length > 0)
        {
            prompt = string.Join(' ', promptWords);
        }
        else if (!Console.IsInputRedirected)
        {
            return await ChatCommand.RunChatAsync(config, endpoint, model, systemPrompt: null, verbose, cancellationToken);
        }
        else
        {
            prompt = await Console.In.ReadToEndAsync(cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new OprelException("the prompt is empty: give it after the model, or on standard input");
        }

        using var api = new OprelHttpApi(endpoint.BaseUri);
        using var interrupt = new ConsoleInterrupt();
        var token = interrupt.Begin(cancellationToken);
        await new ServerLauncher(endpoint, config.CacheDir, ServerProgram.ForThisProcess).EnsureRunningAsync(token);
        var request = new ChatSession(model).CreateRequest(prompt);
        var result = await ChatStreamWriter.WriteAsync(api.ChatAsync(request, token), Console.Out, token);
        await Console.Out.WriteLineAsync();
        await Console.Out.FlushAsync(CancellationToken.None);
        if (verbose)
        {
            await Console.Error.WriteAsync(GenerationStatsFormatter.Format(result.Final));
            await Console.Error.FlushAsync(CancellationToken.None);
        }

        return CommandRunner.Success;
    }
}
