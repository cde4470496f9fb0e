using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Oprel.Http;

/// <summary>
/// HTTP to an Ollama-compatible server, shared by <see cref="Client"/>, <see cref="AsyncClient"/> and
/// <see cref="OprelHttpClient"/>: JSON requests, NDJSON streams, errors as the seed's exceptions. The synchronous
/// methods use HttpClient's synchronous Send, not sync-over-async.
/// </summary>
internal sealed class OllamaHttpTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;

    public OllamaHttpTransport(Uri baseAddress, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        BaseAddress = baseAddress;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = baseAddress,
            Timeout = timeout ?? Timeout.InfiniteTimeSpan,
        };
        if (Environment.GetEnvironmentVariable("OPREL_API_KEY") is { Length: > 0 } apiKey)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public Uri BaseAddress { get; }

    public static Uri ParseHost(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var text = host.Contains("://", StringComparison.Ordinal) ? host : $"http://{host}";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ValidationException($"'{host}' is not a server address such as http://localhost:11434");
        }

        // Ollama's default port when none is given, as its clients do.
        return uri.IsDefaultPort && !host.Contains(":" + uri.Port, StringComparison.Ordinal) && !text.EndsWith(":80", StringComparison.Ordinal)
            ? new UriBuilder(uri) { Port = Config.DefaultPort }.Uri
            : uri;
    }

    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest? body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(method, path, body, requestType);
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return Parse(text, responseType);
    }

    public TResponse Send<TRequest, TResponse>(HttpMethod method, string path, TRequest? body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType)
    {
        using var request = CreateRequest(method, path, body, requestType);
        using var response = SendCore(request, HttpCompletionOption.ResponseContentRead);
        using var reader = new StreamReader(response.Content.ReadAsStream(), Encoding.UTF8);
        return Parse(reader.ReadToEnd(), responseType);
    }

    /// <summary>Sends a request and returns the raw body (empty for 200 with no content).</summary>
    public async Task<string> SendRawAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, JsonMediaType);
        }

        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<TResponse> StreamAsync<TRequest, TResponse>(
        string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = CreateRequest(HttpMethod.Post, path, body, requestType);
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
            {
                yield return ParseLine(line, responseType);
            }
        }
    }

    public IEnumerable<TResponse> Stream<TRequest, TResponse>(string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType)
    {
        using var request = CreateRequest(HttpMethod.Post, path, body, requestType);
        using var response = SendCore(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(response.Content.ReadAsStream(), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return ParseLine(line, responseType);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage CreateRequest<TRequest>(HttpMethod method, string path, TRequest? body, JsonTypeInfo<TRequest> requestType)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, requestType), JsonMediaType);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            throw HttpErrors.Unreachable(BaseAddress, error);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw HttpErrors.FromStatus(response.StatusCode, body);
            }
        }

        return response;
    }

    private HttpResponseMessage SendCore(HttpRequestMessage request, HttpCompletionOption completion)
    {
        HttpResponseMessage response;
        try
        {
            response = _http.Send(request, completion);
        }
        catch (HttpRequestException error)
        {
            throw HttpErrors.Unreachable(BaseAddress, error);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            using (var reader = new StreamReader(response.Content.ReadAsStream(), Encoding.UTF8))
            {
                throw HttpErrors.FromStatus(response.StatusCode, reader.ReadToEnd());
            }
        }

        return response;
    }

    private static TResponse ParseLine<TResponse>(string line, JsonTypeInfo<TResponse> responseType)
    {
        if (HttpErrors.MessageOf(line) is { } error)
        {
            throw new BackendException(error);
        }

        return Parse(line, responseType);
    }

    private static TResponse Parse<TResponse>(string json, JsonTypeInfo<TResponse> responseType)
    {
        try
        {
            return JsonSerializer.Deserialize(json.Length == 0 ? "{}" : json, responseType)
                ?? throw new BackendException("the server sent an empty answer");
        }
        catch (JsonException error)
        {
            throw new BackendException($"the server sent an answer that is not valid JSON: {error.Message}", error);
        }
    }
}
