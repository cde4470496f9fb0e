using System.Diagnostics;

namespace Oprel.Rpc;

/// <summary>
/// The caller's span for a request that came in over an Oprel pipe. StreamJsonRpc's <c>ActivityTracingStrategy</c>
/// wraps each incoming request in an unrecorded <see cref="Activity"/> whose parent is the caller's span; spans made
/// by the callee hang directly under the caller's span, so that no unexported span sits between them.
/// </summary>
internal static class RpcTraceContext
{
    /// <summary>The remote caller's span context, or <c>default</c> when the request carried none.</summary>
    public static ActivityContext RemoteParent(Activity? inbound)
    {
        if (inbound is null)
        {
            return default;
        }

        // A span from a named source was started by the callee itself: it is a real parent already.
        if (inbound.Source.Name.Length > 0)
        {
            return inbound.Context;
        }

        return inbound.ParentId is { } parentId && ActivityContext.TryParse(parentId, inbound.TraceStateString, isRemote: true, out var parent)
            ? parent
            : default;
    }

    /// <summary>
    /// Starts a span under <paramref name="caller"/>, or as the root of a new trace when the request carried no trace
    /// context, never under the unrecorded activity of the request itself. Call it from the async method or iterator
    /// that owns the span: it may clear <see cref="Activity.Current"/> there.
    /// </summary>
    public static Activity? StartSpan(ActivitySource source, string name, ActivityKind kind, ActivityContext caller)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (caller == default && Activity.Current is { Source.Name.Length: 0 })
        {
            Activity.Current = null;
        }

        return source.StartActivity(name, kind, caller);
    }
}
