using Oprel.Http;
using Oprel.Json;

namespace Oprel;

/// <summary>
/// The asynchronous client of an Ollama-compatible server: every call takes a CancellationToken, streams are
/// <see cref="IAsyncEnumerable{T}"/>, and cancelling a stream cancels the generation on the server.
/// </summary>
public sealed class AsyncClient : IDisposable
{
    private readonly OllamaHttpTransport _transport;

    /// <summary>Creates a client of the server at <paramref name="host"/> (a URL, or host:port).</summary>
    /// <exception cref="ValidationException"><paramref name="host"/> is not an http(s) address.</exception>
    public AsyncClient(string host = "http://localhost:11434")
    {
        _transport = new OllamaHttpTransport(Client.LocalhostAsIpv4(OllamaHttpTransport.ParseHost(host)));
    }

    /// <summary>The server's address.</summary>
    public Uri Host => _transport.BaseAddress;

    /// <summary>Chats with a model: the whole answer, once it is complete.</summary>
    public Task<ChatResponse> ChatAsync(
        string model, IEnumerable<Message> messages, GenerationOptions? options = null, string? format = null, string? keepAlive = null, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Post, "api/chat", OllamaRequests.Chat(model, messages, false, options, format, keepAlive), Wire.ChatRequest, SdkJsonContext.Default.ChatResponse, cancellationToken);

    /// <summary>Chats with a model, one piece of the answer at a time; the last piece has Done set and the timings.</summary>
    public IAsyncEnumerable<ChatResponse> ChatStreamAsync(
        string model, IEnumerable<Message> messages, GenerationOptions? options = null, string? format = null, string? keepAlive = null, CancellationToken cancellationToken = default) =>
        _transport.StreamAsync("api/chat", OllamaRequests.Chat(model, messages, true, options, format, keepAlive), Wire.ChatRequest, SdkJsonContext.Default.ChatResponse, cancellationToken);

    /// <summary>Completes a prompt: the whole answer, once it is complete.</summary>
    public Task<GenerateResponse> GenerateAsync(
        string model, string prompt, GenerationOptions? options = null, string? system = null, string? format = null, string? keepAlive = null, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Post, "api/generate", OllamaRequests.Generate(model, prompt, false, options, system, format, keepAlive), Wire.GenerateRequest, SdkJsonContext.Default.GenerateResponse, cancellationToken);

    /// <summary>Completes a prompt, one piece at a time.</summary>
    public IAsyncEnumerable<GenerateResponse> GenerateStreamAsync(
        string model, string prompt, GenerationOptions? options = null, string? system = null, string? format = null, string? keepAlive = null, CancellationToken cancellationToken = default) =>
        _transport.StreamAsync("api/generate", OllamaRequests.Generate(model, prompt, true, options, system, format, keepAlive), Wire.GenerateRequest, SdkJsonContext.Default.GenerateResponse, cancellationToken);

    /// <summary>The models the server has.</summary>
    public Task<ListResponse> ListAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Get, "api/tags", null, Wire.ModelRequest, SdkJsonContext.Default.ListResponse, cancellationToken);

    /// <summary>How a model is made: Modelfile, parameters, template, details and metadata.</summary>
    public Task<ShowResponse> ShowAsync(string model, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Post, "api/show", OllamaRequests.Model(model), Wire.ModelRequest, SdkJsonContext.Default.ShowResponse, cancellationToken);

    /// <summary>Creates a model from a Modelfile (FROM, PARAMETER, SYSTEM, TEMPLATE lines).</summary>
    public Task<ProgressResponse> CreateAsync(string model, string modelfile, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Post, "api/create", OllamaRequests.Create(model, modelfile, false), Wire.CreateRequest, SdkJsonContext.Default.ProgressResponse, cancellationToken);

    /// <summary>Downloads a model; completes once it is stored.</summary>
    public Task<ProgressResponse> PullAsync(string model, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Post, "api/pull", OllamaRequests.Pull(model, false), Wire.PullRequest, SdkJsonContext.Default.ProgressResponse, cancellationToken);

    /// <summary>Downloads a model, reporting progress as it goes.</summary>
    public IAsyncEnumerable<ProgressResponse> PullStreamAsync(string model, CancellationToken cancellationToken = default) =>
        _transport.StreamAsync("api/pull", OllamaRequests.Pull(model, true), Wire.PullRequest, SdkJsonContext.Default.ProgressResponse, cancellationToken);

    /// <summary>Deletes a stored model.</summary>
    public async Task<StatusResponse> DeleteAsync(string model, CancellationToken cancellationToken = default)
    {
        await _transport.SendAsync(HttpMethod.Delete, "api/delete", OllamaRequests.Model(model), Wire.ModelRequest, SdkJsonContext.Default.StatusResponse, cancellationToken).ConfigureAwait(false);
        return new StatusResponse("success");
    }

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose() => _transport.Dispose();
}
