using System.CommandLine;
using Oprel.Supervisor.Hosting;

using Oprel.Server;

namespace Oprel.Supervisor.Cli;

/// <summary>`oprel serve`: runs the server in the foreground.</summary>
internal static class ServeCommand
{
    /// <summary>Hidden flag the CLI adds when it starts a server in the background: the server leaves the terminal's session.</summary>

    public static Command Create()
    {
        var host = new Option<string?>("--host")
        {
            Description = "Address to listen on [default: OPREL_SERVER_HOST, or 127.0.0.1]. The default keeps the server on this machine; 0.0.0.0 opens it to the network",
            HelpName = "address",
        };
        var port = CommonOptions.Port("Port to listen on [default: OPREL_SERVER_PORT, or 11434]; the named pipe for `oprel stop` and the SDK is derived from it");
        var logFile = new Option<string?>("--log-file")
        {
            Description = "Write the log to this file instead of the console (OPREL_LOG_LEVEL sets the level)",
            HelpName = "path",
        };
        var detach = new Option<bool>(ServerLauncher.DetachOptionName)
        {
            Description = "Start a session of its own, away from the terminal (used when a command starts the server in the background)",
            Hidden = true,
        };

        var command = new Command(
            "serve",
            "Run the Oprel server in the foreground: the Ollama-compatible HTTP API (/api/generate, /api/chat, /api/ps, /api/version) and the named pipe, until Ctrl+C or `oprel stop`")
        {
            host, port, logFile, detach,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            token => RunAsync(parseResult.GetValue(host), parseResult.GetValue(port), parseResult.GetValue(logFile), parseResult.GetValue(detach), token),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? host, int? port, string? logFile, bool detach, CancellationToken cancellationToken)
    {
        if (detach)
        {
            SessionDetacher.Detach();
        }

        var logPath = string.IsNullOrWhiteSpace(logFile) ? null : Path.GetFullPath(logFile);
        try
        {
            var endpoint = ServerEndpoint.ForServer(new Config(), host, port, Environment.GetEnvironmentVariable("OPREL_SERVER_HOST"));
            if (logPath is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
            }

            return await SupervisorHost.RunAsync(new ServeSettings(endpoint.BindHost, endpoint.Port, logPath), cancellationToken);
        }
        catch (Exception error) when (logPath is not null && error is not OperationCanceledException)
        {
            // A background server has no console to show this: the CLI that started it points the user to the log.
            await AppendToLogAsync(logPath, CommandRunner.ErrorLine(error));
            throw;
        }
    }

    private static async Task AppendToLogAsync(string logPath, string line)
    {
        try
        {
            await File.AppendAllTextAsync(logPath, $"{DateTime.UtcNow:O} {line}\n", CancellationToken.None);
        }
        catch (IOException)
        {
            // The log itself is what failed: stderr is all that is left.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
