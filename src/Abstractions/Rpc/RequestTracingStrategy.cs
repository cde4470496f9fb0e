using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Oprel.Rpc;

/// <summary>
/// W3C trace context on every request of a connection (StreamJsonRpc's <see cref="ActivityTracingStrategy"/>), but not
/// on the chunk notifications of a generation: those belong to the generation's request, whose span they would only
/// repeat, and a token is too short to pay for carrying the context and starting an activity on arrival.
/// </summary>
internal sealed class RequestTracingStrategy : IActivityTracingStrategy
{
    private readonly ActivityTracingStrategy _inner = new();

    public void ApplyOutboundActivity(JsonRpcRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method != IWorkerRpc.ChunkMethod)
        {
            _inner.ApplyOutboundActivity(request);
        }
    }

    public IDisposable? ApplyInboundActivity(JsonRpcRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Method == IWorkerRpc.ChunkMethod ? null : _inner.ApplyInboundActivity(request);
    }
}
