using System.IO.Pipes;
using Microsoft.Extensions.Logging;
using Oprel.Rpc;
using Oprel.Worker.Engine;

namespace Oprel.Worker.Hosting;

/// <summary>
/// Runs a worker process: serves <see cref="IWorkerService"/> on its named pipe, and writes its generations' chunks to
/// a second one, until told to stop, the pipe closes or the parent dies.
/// </summary>
internal static partial class WorkerHost
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(WorkerArguments arguments, ILogger logger)
    {
        using var stop = new CancellationTokenSource();
        using var service = new WorkerService(logger, (request, log) => LlamaEngine.Load(request, log, streamOnDecodeThread: true));
        if (WorkerPreload.Read(Environment.GetEnvironmentVariable(WorkerPreload.EnvironmentVariable)) is { } preload)
        {
            // The model loads while the pipe and the JSON-RPC connection are set up.
            service.Preload(preload);
        }

        await using var pipe = new NamedPipeServerStream(
            arguments.PipeName, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);

        // Written synchronously by the decode thread, never asynchronously: the pipe stays out of the socket event
        // loop, which would otherwise wake up each time the supervisor reads a token.
        await using var tokens = new NamedPipeServerStream(
            PipeNames.WorkerTokens(arguments.PipeName), PipeDirection.Out, 1, PipeTransmissionMode.Byte, PipeOptions.CurrentUserOnly);
        using (var connectTimeout = new CancellationTokenSource(ConnectTimeout))
        {
            try
            {
                await pipe.WaitForConnectionAsync(connectTimeout.Token);
                await tokens.WaitForConnectionAsync(connectTimeout.Token);
            }
            catch (OperationCanceledException)
            {
                LogNoSupervisor(logger, arguments.PipeName);
                return 2;
            }
        }

        using var rpc = RpcConnection.Create(pipe);
        WorkerRpcServer.Register(rpc, tokens, service);
        rpc.StartListening();

        var parentGone = ParentProcessWatch.WaitForExitAsync(arguments.ParentProcessId, TimeSpan.FromSeconds(1), stop.Token);
        var ended = await Task.WhenAny(rpc.Completion, service.ShutdownRequested, parentGone);
        LogStopping(logger, ended == parentGone ? "the supervisor exited" : ended == rpc.Completion ? "the pipe closed" : "the supervisor asked");
        await stop.CancelAsync();
        return 0;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "No supervisor connected to pipe {Pipe}; exiting")]
    private static partial void LogNoSupervisor(ILogger logger, string pipe);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Worker stopping: {Reason}")]
    private static partial void LogStopping(ILogger logger, string reason);
}
