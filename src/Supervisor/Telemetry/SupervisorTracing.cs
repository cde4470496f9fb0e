using System.Diagnostics;
using Oprel.Rpc;
using Oprel.Supervisor.Hosting;
using Oprel.Telemetry;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// The supervisor's <see cref="ActivitySource"/>. Its spans cover pipe requests and each call into a worker; the
/// HTTP server spans come from ASP.NET Core. The worker continues the trace: the trace context rides on every
/// JSON-RPC request (see <c>RpcConnection</c>).
/// </summary>
internal static class SupervisorTracing
{
    public const string SourceName = "Oprel.Supervisor";

    public static readonly ActivitySource Source = new(SourceName, SupervisorVersion.Current);

    /// <summary>Starts a client span for a call into a model's worker ("chat tiny:latest", "load tiny:latest").</summary>
    public static Activity? StartWorkerCall(string operation, string model, int workerProcessId)
    {
        var span = Source.StartActivity($"{operation} {model}", ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(GenAiTags.OperationName, operation);
            span.SetTag(GenAiTags.RequestModel, model);
            span.SetTag("oprel.worker.pid", workerProcessId);
        }

        return span;
    }

    /// <summary>Starts the server span of a request that came in on the supervisor's named pipe.</summary>
    public static Activity? StartPipeRequest(string endpoint, ActivityContext caller) =>
        RpcTraceContext.StartSpan(Source, endpoint, ActivityKind.Server, caller);
}
