using System.CommandLine;

using Oprel.Server;

namespace Oprel.Supervisor.Cli;

/// <summary>`oprel chat MODEL`: the interactive chat.</summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var model = ModelArgument.Create();
        var system = new Option<string?>("--system")
        {
            Description = "A system prompt, sent first with every message (it survives /clear)",
            HelpName = "text",
        };
        var verbose = CommonOptions.Verbose();
        var host = CommonOptions.ClientHost();
        var port = CommonOptions.ClientPort();

        var command = new Command(
            "chat",
            "Chat with a model on the terminal, like `ollama run`: type at the >>> prompt, \"\"\" for multi-line messages, /clear to forget the conversation, /bye or Ctrl+D to leave, /? for help. Ctrl+C stops an answer. Reads lines quietly when stdin is not a terminal")
        {
            model, system, verbose, host, port,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            token =>
            {
                var config = new Config();
                var endpoint = ServerEndpoint.ForClient(config, parseResult.GetValue(host), parseResult.GetValue(port));
                var modelName = ModelArgument.Resolve(parseResult.GetRequiredValue(model));
                return RunChatAsync(config, endpoint, modelName, parseResult.GetValue(system), parseResult.GetValue(verbose), token);
            },
            cancellationToken));
        return command;
    }

    /// <summary>Starts the server when needed, then runs the chat on the console.</summary>
    public static async Task<int> RunChatAsync(Config config, ServerEndpoint endpoint, string model, string? systemPrompt, bool verbose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(endpoint);
        using var api = new OprelHttpApi(endpoint.BaseUri);
        using var interrupt = new ConsoleInterrupt();
        try
        {
            await new ServerLauncher(endpoint, config.CacheDir, ServerProgram.ForThisProcess).EnsureRunningAsync(interrupt.Begin(cancellationToken));
        }
        finally
        {
            interrupt.End();
        }

        var chat = new InteractiveChat(
            api, new ChatSession(model, systemPrompt), Console.In, Console.Out, Console.Error, interrupt, isTerminal: !Console.IsInputRedirected, verbose);
        return await chat.RunAsync(cancellationToken);
    }
}
