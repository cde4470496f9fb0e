using System.CommandLine;

using Oprel.Server;

namespace Oprel.Supervisor.Cli;

/// <summary>`oprel stop`: stops the server on the configured port.</summary>
internal static class StopCommand
{
    public static Command Create()
    {
        var host = CommonOptions.ClientHost();
        var port = CommonOptions.ClientPort();
        var command = new Command(
            "stop",
            "Stop the Oprel server on this machine (the one on --port): its answers in progress end and its models unload. Succeeds when no server is running")
        {
            host, port,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            async token =>
            {
                var endpoint = ServerEndpoint.ForClient(new Config(), parseResult.GetValue(host), parseResult.GetValue(port));
                using var api = new OprelHttpApi(endpoint.BaseUri);
                var stopped = await new ServerStopper(api, endpoint).StopAsync(token);
                await Console.Out.WriteLineAsync(stopped
                    ? $"Stopped the Oprel server on port {endpoint.Port}."
                    : $"No Oprel server is running on port {endpoint.Port}.");
                return CommandRunner.Success;
            },
            cancellationToken));
        return command;
    }
}
