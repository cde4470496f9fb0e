using System.IO.Pipes;
using Oprel.Rpc;
using StreamJsonRpc;

namespace Oprel.Server;

/// <summary>A JSON-RPC connection to a local supervisor over its named pipe (named after its port).</summary>
internal sealed class SupervisorConnection : IDisposable
{
    private readonly JsonRpc _rpc;

    private SupervisorConnection(JsonRpc rpc, ISupervisorService service)
    {
        _rpc = rpc;
        Service = service;
    }

    public ISupervisorService Service { get; }

    /// <summary>False once the pipe closed (the server stopped).</summary>
    public bool IsConnected => !_rpc.Completion.IsCompleted;

    public static async Task<SupervisorConnection> ConnectAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pipe = new NamedPipeClientStream(".", PipeNames.Supervisor(port), PipeDirection.InOut, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            await pipe.ConnectAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or TimeoutException)
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new BackendException($"The Oprel server on port {port} did not open its pipe '{PipeNames.Supervisor(port)}'.", error);
        }

        var rpc = RpcConnection.Create(pipe);
        var service = rpc.Attach<ISupervisorService>();
        rpc.StartListening();
        return new SupervisorConnection(rpc, service);
    }

    public void Dispose() => _rpc.Dispose();
}
