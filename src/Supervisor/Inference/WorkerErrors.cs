using Oprel.Rpc;
using Oprel.Supervisor.Workers;
using StreamJsonRpc;

namespace Oprel.Supervisor.Inference;

/// <summary>Turns what comes back from a worker's pipe into the seed's exceptions.</summary>
internal static class WorkerErrors
{
    public static Exception Map(Exception error, string model, WorkerProcess worker)
    {
        return error switch
        {
            OprelException => error,
            OperationCanceledException => error,
            RemoteInvocationException remote => RpcErrors.FromRpc(remote),
            ConnectionLostException or ObjectDisposedException or IOException when worker.KilledFor == WorkerKillReason.MemoryLimit =>
                new MemoryLimitException($"The worker for '{model}' {worker.ExitDescription()}.", error),
            ConnectionLostException or ObjectDisposedException or IOException =>
                new BackendException($"The worker for '{model}' {worker.ExitDescription()}.", error),
            _ => new BackendException($"The worker for '{model}' failed: {error.Message}", error),
        };
    }
}
