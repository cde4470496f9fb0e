using System.IO.Pipes;
using Oprel.Rpc;
using StreamJsonRpc;

using Oprel.Server;

namespace Oprel.Supervisor.Cli;

/// <summary>`oprel stop`: asks the supervisor on its named pipe to shut down, then waits until its HTTP API is silent.</summary>
internal sealed class ServerStopper
{
    private static readonly TimeSpan PipeConnectTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    private const int StopTimeoutSeconds = 15;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly OprelHttpApi _api;
    private readonly ServerEndpoint _endpoint;

    public ServerStopper(OprelHttpApi api, ServerEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(endpoint);
        _api = api;
        _endpoint = endpoint;
    }

    /// <summary>Stops the server; true when one was stopped, false when none was running.</summary>
    /// <exception cref="OprelException">A server answers but could not be reached on its pipe, or did not stop within 15 s.</exception>
    public async Task<bool> StopAsync(CancellationToken cancellationToken)
    {
        var pipeName = PipeNames.Supervisor(_endpoint.Port);
        await using var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        try
        {
            await pipe.ConnectAsync(PipeConnectTimeout, cancellationToken);
        }
        catch (Exception error) when (error is TimeoutException or IOException or UnauthorizedAccessException)
        {
            if (await _api.TryGetVersionAsync(ProbeTimeout, cancellationToken) is null)
            {
                return false;
            }

            throw new OprelException(
                $"a server answers on port {_endpoint.Port} but not on its pipe '{pipeName}' ({error.Message}); it may be another program, or run as another user",
                error);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(StopTimeoutSeconds));
        try
        {
            await RequestShutdownAsync(pipe, deadline.Token);
            while (await _api.TryGetVersionAsync(ProbeTimeout, deadline.Token) is not null)
            {
                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OprelException($"the Oprel server on port {_endpoint.Port} did not stop within {StopTimeoutSeconds} s");
        }

        return true;
    }

    private static async Task RequestShutdownAsync(Stream pipe, CancellationToken cancellationToken)
    {
        using var rpc = RpcConnection.Create(pipe);
        var supervisor = rpc.Attach<ISupervisorService>();
        rpc.StartListening();
        try
        {
            await supervisor.ShutdownAsync(cancellationToken);
        }
        catch (ConnectionLostException)
        {
            // The server closed the pipe while stopping, before it could answer: that is the shutdown under way.
        }
    }
}
