using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Oprel.Json;
using Oprel.OllamaApi;

namespace Oprel.Supervisor.Cli;

/// <summary>The few calls of the Oprel server's Ollama-compatible HTTP API that the CLI makes.</summary>
internal sealed class OprelHttpApi : IDisposable
{
    private const int MaxQuotedLine = 200;
    private readonly HttpClient _http;

    /// <summary>Creates a client of the server at <paramref name="baseAddress"/>; <paramref name="handler"/> replaces the network (tests).</summary>
    public OprelHttpApi(Uri baseAddress, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _http = new HttpClient(handler ?? CreateHandler(), disposeHandler: true)
        {
            BaseAddress = baseAddress,
            // Answers stream for as long as the model writes; callers bound their calls with tokens instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (Environment.GetEnvironmentVariable("OPREL_API_KEY") is { Length: > 0 } apiKey)
        {
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>GET /api/version: the server's version, or null when nothing answers it within <paramref name="timeout"/>.</summary>
    public async Task<string?> TryGetVersionAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await _http.GetAsync(new Uri("api/version", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, limit.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var body = await response.Content.ReadFromJsonAsync(OprelJsonContext.Default.OllamaVersionResponse, limit.Token);
            return body?.Version;
        }
        catch (Exception error) when (error is HttpRequestException or IOException or JsonException
            || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>POST /api/chat with streaming: yields each NDJSON chunk as it arrives, up to and including the final one.</summary>
    /// <exception cref="ModelNotFoundException">The server does not know the model.</exception>
    /// <exception cref="OprelException">The server answered with an error, in the status or inside the stream.</exception>
    public async IAsyncEnumerable<OllamaChatResponse> ChatAsync(OllamaChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, OprelJsonContext.Default.OllamaChatRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("api/chat", UriKind.Relative)) { Content = content };
        using var response = await SendAsync(message, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var chunk = ParseChatLine(line);
            yield return chunk;
            if (chunk.Done)
            {
                yield break;
            }
        }

        throw new OprelException("the Oprel server ended the answer before it was done");
    }

    /// <summary>POST /api/pull with streaming: yields each progress object until "success".</summary>
    /// <exception cref="ModelNotFoundException">The server found no such model to pull.</exception>
    /// <exception cref="OprelException">The pull failed (its error, in the status or inside the stream).</exception>
    public async IAsyncEnumerable<OllamaProgressResponse> PullAsync(string model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var request = new OllamaPullRequest { Model = model, Stream = true };
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, OprelJsonContext.Default.OllamaPullRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("api/pull", UriKind.Relative)) { Content = content };
        using var response = await SendAsync(message, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var progress = ParseProgressLine(line);
            yield return progress;
            if (progress.Status == "success")
            {
                yield break;
            }
        }

        throw new OprelException("the Oprel server ended the pull before it succeeded");
    }

    /// <summary>Reads one NDJSON line of /api/pull: progress, or an exception when the line is an {"error": …}.</summary>
    internal static OllamaProgressResponse ParseProgressLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            using var document = JsonDocument.Parse(line);
            if (ErrorMessage(document.RootElement) is { } serverError)
            {
                throw new OprelException(serverError);
            }

            return document.RootElement.Deserialize(OprelJsonContext.Default.OllamaProgressResponse)
                ?? throw new OprelException($"the Oprel server sent an empty progress line: {Quote(line)}");
        }
        catch (JsonException error)
        {
            throw new OprelException($"the Oprel server sent a line that is not pull progress: {Quote(line)}", error);
        }
    }

    /// <summary>GET /api/ps: the loaded models.</summary>
    public async Task<OllamaProcessList> ListRunningAsync(CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri("api/ps", UriKind.Relative));
        using var response = await SendAsync(message, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync(OprelJsonContext.Default.OllamaProcessList, cancellationToken)
                ?? new OllamaProcessList([]);
        }
        catch (JsonException error)
        {
            throw new OprelException($"the Oprel server sent a model list that is not valid: {error.Message}", error);
        }
    }

    /// <summary>Reads one NDJSON line of /api/chat: a chunk, or an exception when the line is an {"error": …} or not a chunk.</summary>
    internal static OllamaChatResponse ParseChatLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            using var document = JsonDocument.Parse(line);
            if (ErrorMessage(document.RootElement) is { } serverError)
            {
                throw new OprelException(serverError);
            }

            return document.RootElement.Deserialize(OprelJsonContext.Default.OllamaChatResponse)
                ?? throw new OprelException($"the Oprel server sent an empty chunk: {Quote(line)}");
        }
        catch (JsonException error)
        {
            throw new OprelException($"the Oprel server sent a line that is not a chat chunk: {Quote(line)}", error);
        }
    }

    /// <summary>The exception for a response that is not a success: the body's "error" when it has one, else the status.</summary>
    internal static OprelException ErrorFromBody(HttpStatusCode status, string? reasonPhrase, string body)
    {
        string? message = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                message = ErrorMessage(document.RootElement);
            }
            catch (JsonException)
            {
                message = null;
            }
        }

        if (message is null)
        {
            var code = ((int)status).ToString(CultureInfo.InvariantCulture);
            return new OprelException(string.IsNullOrEmpty(reasonPhrase)
                ? $"the Oprel server answered {code}"
                : $"the Oprel server answered {code} {reasonPhrase}");
        }

        return status == HttpStatusCode.NotFound ? new ModelNotFoundException(message) : new OprelException(message);
    }

    public void Dispose() => _http.Dispose();

    private static SocketsHttpHandler CreateHandler() => new()
    {
        // The server is local or named explicitly: proxy variables (HTTP_PROXY, …) must not reroute it.
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    };

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw ErrorFromBody(response.StatusCode, response.ReasonPhrase, body);
        }
    }

    private static string? ErrorMessage(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null
            ? error.ValueKind == JsonValueKind.String ? error.GetString() ?? "" : error.GetRawText()
            : null;

    private static string Quote(string line) => line.Length <= MaxQuotedLine ? line : string.Concat(line.AsSpan(0, MaxQuotedLine), "…");
}
