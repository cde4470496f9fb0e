using System.CommandLine;
using Oprel.OllamaApi;
using Oprel.Server;
using Spectre.Console;

namespace Oprel.Supervisor.Cli;

/// <summary>
/// `oprel pull MODEL`: the server downloads the model into its store (starting the server in the background when
/// none answers); a progress bar (bytes, speed, time left) on a terminal, plain lines otherwise.
/// </summary>
internal static class PullCommand
{
    public static Command Create()
    {
        var model = ModelArgument.Create();
        model.Description = "An alias (qwencoder, llama3, …), owner/repo or hf.co/owner/repo, optionally with :QUANT (Q4_K_M, Q8_0, …)";
        var host = CommonOptions.ClientHost();
        var port = CommonOptions.ClientPort();
        var command = new Command(
            "pull",
            "Download a model from Hugging Face into the model store: the quantization asked for, or the best that fits this machine's memory")
        {
            model, host, port,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            token => PullAsync(parseResult.GetRequiredValue(model), parseResult.GetValue(host), parseResult.GetValue(port), token),
            cancellationToken));
        return command;
    }

    private static async Task<int> PullAsync(string model, string? host, int? port, CancellationToken cancellationToken)
    {
        var config = new Config();
        var endpoint = ServerEndpoint.ForClient(config, host, port);
        using var api = new OprelHttpApi(endpoint.BaseUri);
        using var interrupt = new ConsoleInterrupt();
        var token = interrupt.Begin(cancellationToken);
        await new ServerLauncher(endpoint, config.CacheDir, ServerProgram.ForThisProcess).EnsureRunningAsync(token);
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var plain = new PlainPullProgress(Console.Out, TimeProvider.System);
            await foreach (var progress in api.PullAsync(model, token))
            {
                plain.Report(progress);
            }

            return CommandRunner.Success;
        }

        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                string? lastStatus = null;
                await foreach (var progress in api.PullAsync(model, token))
                {
                    Show(context, tasks, progress, ref lastStatus);
                }
            });
        return CommandRunner.Success;
    }

    private static void Show(ProgressContext context, Dictionary<string, ProgressTask> tasks, OllamaProgressResponse progress, ref string? lastStatus)
    {
        if (progress is { Total: > 0 and var total })
        {
            if (!tasks.TryGetValue(progress.Status, out var task))
            {
                task = context.AddTask(Markup.Escape(progress.Status), maxValue: total);
                tasks[progress.Status] = task;
            }

            task.Value = Math.Min(total, progress.Completed ?? 0);
            return;
        }

        if (progress.Status != lastStatus)
        {
            // A status without bytes is a line above the bars, not a bar of its own.
            lastStatus = progress.Status;
            AnsiConsole.MarkupLine(Markup.Escape(progress.Status));
        }
    }
}
