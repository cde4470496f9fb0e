using System.Text.Json.Serialization.Metadata;
using Oprel.Json;
using StreamJsonRpc;

namespace Oprel.Rpc;

/// <summary>Builds the JSON-RPC connections both ends of a pipe use: System.Text.Json with Oprel's source-generated types.</summary>
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
        return new JsonRpc(handler);
    }
}
