namespace Oprel.Rpc;

/// <summary>Names of the named pipes: one per supervisor (derived from its HTTP port) and two per worker.</summary>
internal static class PipeNames
{
    /// <summary>The supervisor's pipe for the SDK and the CLI, so servers on different ports run side by side.</summary>
    public static string Supervisor(int port) => $"oprel-{port}";

    /// <summary>A fresh pipe name for a worker of the given supervisor process.</summary>
    public static string Worker(int supervisorProcessId) => $"oprel-w{supervisorProcessId}-{Guid.NewGuid():N}"[..32];

    /// <summary>The pipe a worker writes its generations' chunks to, beside its JSON-RPC pipe <paramref name="workerPipe"/>.</summary>
    public static string WorkerTokens(string workerPipe) => workerPipe + "-t";
}
