using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Oprel.Rpc;
using Oprel.Supervisor.Api;
using Oprel.Telemetry;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// What <see cref="RequestMetricsMiddleware"/> and ASP.NET Core's server spans do for HTTP, for the streams served on
/// the supervisor's named pipe: a server span continuing the caller's trace, and the request metrics.
/// </summary>
internal sealed class PipeRequestTracker(SupervisorMetrics metrics)
{
    /// <summary>Status recorded for a request whose caller went away (nginx's "client closed request").</summary>
    public const int ClientClosedRequest = 499;

    /// <summary>Tracks one streamed pipe request. Call it while the incoming request is being dispatched.</summary>
    public IAsyncEnumerable<T> Track<T>(string endpoint, IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);

        // The caller's trace context is current only while the request is dispatched, not when the stream is read.
        var caller = RpcTraceContext.RemoteParent(Activity.Current);
        return TrackAsync(new TrackedRequest(endpoint), caller, source, cancellationToken);
    }

    private async IAsyncEnumerable<T> TrackAsync<T>(
        TrackedRequest request, ActivityContext caller, IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var span = SupervisorTracing.StartPipeRequest(request.Endpoint, caller);
        var status = StatusCodes.Status200OK;
        var items = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            await using (items)
            {
                while (true)
                {
                    bool more;
                    using (AmbientScope.Enter(span, request))
                    {
                        try
                        {
                            more = await items.MoveNextAsync();
                        }
                        catch (Exception error)
                        {
                            status = error is OperationCanceledException && cancellationToken.IsCancellationRequested
                                ? ClientClosedRequest
                                : ErrorResponses.StatusFor(error);
                            GenAiTags.SetError(span, error);
                            throw;
                        }
                    }

                    if (!more)
                    {
                        break;
                    }

                    yield return items.Current;
                }
            }
        }
        finally
        {
            metrics.RequestCompleted(request.Endpoint, request.Model, status, request.Elapsed);
        }
    }
}
