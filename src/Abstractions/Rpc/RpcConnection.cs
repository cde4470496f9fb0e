using System.Text.Json.Serialization.Metadata;
using Oprel.Json;
using StreamJsonRpc;

namespace Oprel.Rpc;

/// <summary>
/// Builds the JSON-RPC connections both ends of a pipe use: System.Text.Json with Oprel's source-generated types,
/// and W3C trace context (<c>traceparent</c>) carried on every request (not on chunk notifications), so a trace follows a request from the SDK
/// or HTTP front through the supervisor into the worker.
/// </summary>
internal static class RpcConnection
{
    /// <summary>Creates a connection over a duplex stream; the caller adds targets or proxies, then starts listening.</summary>
    public static JsonRpc Create(Stream duplex)
    {
        ArgumentNullException.ThrowIfNull(duplex);
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.TypeInfoResolver = JsonTypeInfoResolver.Combine(
            OprelJsonContext.Default,
            formatter.JsonSerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
        var handler = new HeaderDelimitedMessageHandler(duplex, duplex, formatter);
        return new JsonRpc(handler) { ActivityTracingStrategy = new RequestTracingStrategy() };
    }
}
