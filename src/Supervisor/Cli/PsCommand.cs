using System.CommandLine;
using Oprel.Server;

namespace Oprel.Supervisor.Cli;

/// <summary>`oprel ps` (also `oprel models`, as in the seed): the loaded models.</summary>
internal static class PsCommand
{
    public static Command Create()
    {
        var host = CommonOptions.ClientHost();
        var port = CommonOptions.ClientPort();
        var command = new Command(
            "ps",
            "List the models the server has loaded: name, worker process id, size, processor (CPU/GPU) and when each unloads")
        {
            host, port,
        };
        command.Aliases.Add("models");
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            async token =>
            {
                var endpoint = ServerEndpoint.ForClient(new Config(), parseResult.GetValue(host), parseResult.GetValue(port));
                using var api = new OprelHttpApi(endpoint.BaseUri);
                if (await api.TryGetVersionAsync(TimeSpan.FromSeconds(2), token) is null)
                {
                    throw new OprelException($"no Oprel server is running on {endpoint.Display}");
                }

                var running = await api.ListRunningAsync(token);
                await Console.Out.WriteAsync(ProcessTableFormatter.Format(running.Models ?? [], DateTime.UtcNow));
                return CommandRunner.Success;
            },
            cancellationToken));
        return command;
    }
}
