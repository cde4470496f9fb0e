using Oprel.OllamaApi;
using PolyType;
using StreamJsonRpc;

namespace Oprel.Rpc;

/// <summary>
/// The contract the supervisor serves on its named pipe to the SDK and the CLI: the same operations as the
/// HTTP API, without HTTP.
/// </summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
internal partial interface ISupervisorService
{
    /// <summary>The server's version.</summary>
    Task<string> GetVersionAsync(CancellationToken cancellationToken);

    /// <summary>Streams a completion, as /api/generate does.</summary>
    IAsyncEnumerable<OllamaGenerateResponse> GenerateAsync(OllamaGenerateRequest request, CancellationToken cancellationToken);

    /// <summary>Streams a chat answer, as /api/chat does.</summary>
    IAsyncEnumerable<OllamaChatResponse> ChatAsync(OllamaChatRequest request, CancellationToken cancellationToken);

    /// <summary>Lists the loaded models, as /api/ps does.</summary>
    Task<OllamaProcessList> ListRunningAsync(CancellationToken cancellationToken);

    /// <summary>Stops the server: streams are cancelled, workers stopped, the process exits.</summary>
    Task ShutdownAsync(CancellationToken cancellationToken);
}
