using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// Counts each HTTP request to a mapped endpoint (but /metrics) by route, model and status, and times it. The
/// generation code labels the request with its model through <see cref="TrackedRequest"/>.
/// </summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, SupervisorMetrics metrics)
{
    public const string MetricsPath = "/metrics";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } route } || route == MetricsPath)
        {
            await next(context);
            return;
        }

        var request = new TrackedRequest(route);
        TrackedRequest.Current = request;
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            metrics.RequestCompleted(route, request.Model, status, request.Elapsed);
        }
    }
}
