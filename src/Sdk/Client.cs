using Oprel.Http;
using Oprel.Json;

namespace Oprel;

/// <summary>
/// A synchronous client of an Ollama-compatible server (Oprel's, or Ollama's own): chat, generate, and model
/// management. Server errors arrive as the seed's exceptions (404 → <see cref="ModelNotFoundException"/>, 400 →
/// <see cref="ValidationException"/>, …).
/// </summary>
public sealed class Client : IDisposable
{
    private readonly OllamaHttpTransport _transport;

    /// <summary>Creates a client of the server at <paramref name="host"/> (a URL, or host:port).</summary>
    /// <exception cref="ValidationException"><paramref name="host"/> is not an http(s) address.</exception>
    public Client(string host = "http://localhost:11434")
    {
        _transport = new OllamaHttpTransport(LocalhostAsIpv4(OllamaHttpTransport.ParseHost(host)));
    }

    /// <summary>The server's address.</summary>
    public Uri Host => _transport.BaseAddress;

    /// <summary>Chats with a model: the whole answer, once it is complete.</summary>
    public ChatResponse Chat(string model, IEnumerable<Message> messages, GenerationOptions? options = null, string? format = null, string? keepAlive = null) =>
        _transport.Send(HttpMethod.Post, "api/chat", OllamaRequests.Chat(model, messages, false, options, format, keepAlive), Wire.ChatRequest, SdkJsonContext.Default.ChatResponse);

    /// <summary>Chats with a model, one piece of the answer at a time; the last piece has Done set and the timings.</summary>
    public IEnumerable<ChatResponse> ChatStream(string model, IEnumerable<Message> messages, GenerationOptions? options = null, string? format = null, string? keepAlive = null) =>
        _transport.Stream("api/chat", OllamaRequests.Chat(model, messages, true, options, format, keepAlive), Wire.ChatRequest, SdkJsonContext.Default.ChatResponse);

    /// <summary>Completes a prompt: the whole answer, once it is complete.</summary>
    public GenerateResponse Generate(string model, string prompt, GenerationOptions? options = null, string? system = null, string? format = null, string? keepAlive = null) =>
        _transport.Send(HttpMethod.Post, "api/generate", OllamaRequests.Generate(model, prompt, false, options, system, format, keepAlive), Wire.GenerateRequest, SdkJsonContext.Default.GenerateResponse);

    /// <summary>Completes a prompt, one piece at a time.</summary>
    public IEnumerable<GenerateResponse> GenerateStream(string model, string prompt, GenerationOptions? options = null, string? system = null, string? format = null, string? keepAlive = null) =>
        _transport.Stream("api/generate", OllamaRequests.Generate(model, prompt, true, options, system, format, keepAlive), Wire.GenerateRequest, SdkJsonContext.Default.GenerateResponse);

    /// <summary>The models the server has.</summary>
    public ListResponse List() => _transport.Send(HttpMethod.Get, "api/tags", null, Wire.ModelRequest, SdkJsonContext.Default.ListResponse);

    /// <summary>How a model is made: Modelfile, parameters, template, details and metadata.</summary>
    public ShowResponse Show(string model) =>
        _transport.Send(HttpMethod.Post, "api/show", OllamaRequests.Model(model), Wire.ModelRequest, SdkJsonContext.Default.ShowResponse);

    /// <summary>Creates a model from a Modelfile (FROM, PARAMETER, SYSTEM, TEMPLATE lines).</summary>
    public ProgressResponse Create(string model, string modelfile) =>
        _transport.Send(HttpMethod.Post, "api/create", OllamaRequests.Create(model, modelfile, false), Wire.CreateRequest, SdkJsonContext.Default.ProgressResponse);

    /// <summary>Downloads a model; returns once it is stored.</summary>
    public ProgressResponse Pull(string model) =>
        _transport.Send(HttpMethod.Post, "api/pull", OllamaRequests.Pull(model, false), Wire.PullRequest, SdkJsonContext.Default.ProgressResponse);

    /// <summary>Downloads a model, reporting progress as it goes.</summary>
    public IEnumerable<ProgressResponse> PullStream(string model) =>
        _transport.Stream("api/pull", OllamaRequests.Pull(model, true), Wire.PullRequest, SdkJsonContext.Default.ProgressResponse);

    /// <summary>Deletes a stored model.</summary>
    public StatusResponse Delete(string model)
    {
        _transport.Send(HttpMethod.Delete, "api/delete", OllamaRequests.Model(model), Wire.ModelRequest, SdkJsonContext.Default.StatusResponse);
        return new StatusResponse("success");
    }

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose() => _transport.Dispose();

    /// <summary>"localhost" resolves to ::1 first on many machines while servers bind 127.0.0.1: connect to the IPv4 loopback.</summary>
    internal static Uri LocalhostAsIpv4(Uri uri) =>
        uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? new UriBuilder(uri) { Host = "127.0.0.1" }.Uri : uri;
}
