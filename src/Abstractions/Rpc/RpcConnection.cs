using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Text.Json.Serialization.Metadata;
using Oprel.Json;
using Oprel.OllamaApi;
using StreamJsonRpc;

namespace Oprel.Rpc;

/// <summary>
/// Builds the JSON-RPC connections both ends of a pipe use: System.Text.Json with source-generated types only
/// (Oprel's and StreamJsonRpc's own; no reflection, so the native-compiled `oprel` reads and writes them exactly as the JIT-compiled one), and
/// W3C trace context (<c>traceparent</c>) carried on every request, so a trace follows a
/// request from the SDK or HTTP front through the supervisor into the worker.
/// </summary>
internal static class RpcConnection
{
    /// <summary>Creates a connection over a duplex stream; the caller adds targets or proxies, then starts listening.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Every type on the wire has source-generated metadata (OprelJsonContext, RpcProtocolJsonContext); there is no reflection fallback.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Every type on the wire has source-generated metadata (OprelJsonContext, RpcProtocolJsonContext); there is no reflection fallback.")]
    public static JsonRpc Create(Stream duplex)
    {
        ArgumentNullException.ThrowIfNull(duplex);
        var formatter = new SystemTextJsonFormatter
        {
            JsonSerializerOptions = new() { TypeInfoResolver = JsonTypeInfoResolver.Combine(OprelJsonContext.Default, RpcProtocolJsonContext.Default) },
        };
        // The element types of the supervisor pipe's streams: the native `oprel` needs their generic code compiled ahead.
        formatter.RegisterGenericType<OllamaGenerateResponse>();
        formatter.RegisterGenericType<OllamaChatResponse>();
        // Messages go straight to the stream from the thread that sends them, and are read straight from it. Given the
        // stream itself, StreamJsonRpc puts a pipe in front of it whose copying loop wakes a pool thread for every
        // message: on a small machine, a core taken from llama.cpp's threads. Completing either end disposes the stream.
        var handler = new HeaderDelimitedMessageHandler(PipeWriter.Create(duplex), PipeReader.Create(duplex), formatter);
        return new JsonRpc(handler) { ActivityTracingStrategy = new ActivityTracingStrategy() };
    }
}
