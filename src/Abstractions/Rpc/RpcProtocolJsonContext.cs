using System.Text.Json;
using System.Text.Json.Serialization;
using Oprel.OllamaApi;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using StreamJsonRpc.Reflection;

namespace Oprel.Rpc;

/// <summary>
/// Source-generated JSON for what StreamJsonRpc itself puts on a pipe beside Oprel's own types: the id of a
/// cancelled request, error data, the token and pages of a streamed IAsyncEnumerable (the supervisor's pipe streams
/// generate and chat answers to the SDK and the CLI).
/// </summary>
[JsonSerializable(typeof(RequestId))]
[JsonSerializable(typeof(CommonErrorData))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(IAsyncEnumerable<OllamaGenerateResponse>))]
[JsonSerializable(typeof(IAsyncEnumerable<OllamaChatResponse>))]
[JsonSerializable(typeof(MessageFormatterEnumerableTracker.EnumeratorResults<OllamaGenerateResponse>))]
[JsonSerializable(typeof(MessageFormatterEnumerableTracker.EnumeratorResults<OllamaChatResponse>))]
internal sealed partial class RpcProtocolJsonContext : JsonSerializerContext;
