using System.IO.Pipes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oprel.Rpc;
using StreamJsonRpc;

namespace Oprel.Supervisor.Hosting;

/// <summary>Accepts SDK and CLI connections on the supervisor's named pipe (its name derived from the HTTP port).</summary>
internal sealed partial class PipeEndpoint(SupervisorService service, ServeSettings settings, ILogger<PipeEndpoint> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var name = PipeNames.Supervisor(settings.Port);
        LogListening(logger, name);
        var connections = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var pipe = new NamedPipeServerStream(
                name, PipeDirection.InOut, NamedPipeServerStream.MaxAllowedServerInstances, PipeTransmissionMode.Byte,
                PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
            try
            {
                await pipe.WaitForConnectionAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                await pipe.DisposeAsync();
                break;
            }

            connections.RemoveAll(c => c.IsCompleted);
            connections.Add(ServeAsync(pipe, stoppingToken));
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(NamedPipeServerStream pipe, CancellationToken stoppingToken)
    {
        await using (pipe)
        {
            using var rpc = RpcConnection.Create(pipe);
            rpc.AddLocalRpcTarget(RpcTargetMetadata.FromShape<ISupervisorService>(), service, null);
            rpc.StartListening();
            await using (stoppingToken.Register(rpc.Dispose))
            {
                await rpc.Completion.ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Listening on named pipe {Pipe}")]
    private static partial void LogListening(ILogger logger, string pipe);
}
