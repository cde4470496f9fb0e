using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Oprel.HuggingFace;

/// <summary>
/// The few calls of Hugging Face's HTTP API that Oprel makes: a repository's file list (with sizes and LFS SHA-256),
/// a file's bytes from <c>resolve/main/FILE</c> (from an offset, following redirects by hand so that the token goes
/// to the hub but never to a CDN), and the model search. Errors are the seed's exceptions: a missing repository or
/// file is a <see cref="ModelNotFoundException"/>; 401/403 is a <see cref="DownloadException"/> saying a token is needed.
/// </summary>
internal sealed class HuggingFaceClient : IDisposable
{
    private const int MaxRedirects = 10;
    private const int MaxPages = 100;
    private static readonly TimeSpan ApiTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http;

    public HuggingFaceClient(HuggingFaceOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _http = new HttpClient(handler ?? CreateHandler(options.Endpoint), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("oprel", "0.1"));
    }

    public HuggingFaceOptions Options { get; }

    /// <summary>Every file of <paramref name="repository"/> on its main branch.</summary>
    /// <exception cref="ModelNotFoundException">There is no such repository.</exception>
    /// <exception cref="DownloadException">The hub refused (token needed) or could not be reached.</exception>
    public async Task<IReadOnlyList<HuggingFaceFile>> ListFilesAsync(string repository, CancellationToken cancellationToken)
    {
        CheckRepository(repository);
        var files = new List<HuggingFaceFile>();
        Uri? next = new(Options.Endpoint, $"api/models/{repository}/tree/main?recursive=true");
        for (var page = 0; next is not null && page < MaxPages; page++)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(ApiTimeout);
            using var response = await SendAsync(HttpMethod.Get, next, null, repository, null, limit.Token, cancellationToken).ConfigureAwait(false);
            HuggingFaceTreeEntry[]? entries;
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    entries = await JsonSerializer.DeserializeAsync(stream, HuggingFaceJsonContext.Default.HuggingFaceTreeEntryArray, limit.Token).ConfigureAwait(false);
                }
            }
            catch (JsonException error)
            {
                throw new DownloadException($"Hugging Face sent a file list for '{repository}' that is not valid JSON: {error.Message}", error);
            }
            catch (Exception error) when (error is HttpRequestException or IOException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new DownloadException($"Reading the file list of '{repository}' from {Options.Endpoint} failed: {error.Message}", error);
            }

            foreach (var entry in entries ?? [])
            {
                var path = entry.Path ?? entry.FileName;
                if (path is null || (entry.Type is { } type && type != "file"))
                {
                    continue;
                }

                var sha256 = entry.Lfs?.Oid is { Length: 64 } oid ? oid.ToLowerInvariant() : null;
                files.Add(new HuggingFaceFile(path, entry.Lfs?.Size ?? entry.Size ?? 0, sha256));
            }

            next = NextPage(response);
        }

        return files;
    }

    /// <summary>Hugging Face's model search, GGUF repositories only, most downloaded first.</summary>
    public async Task<IReadOnlyList<HuggingFaceModelInfo>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var uri = new Uri(
            Options.Endpoint,
            $"api/models?search={Uri.EscapeDataString(query.Trim())}&filter=gguf&sort=downloads&limit={limit.ToString(CultureInfo.InvariantCulture)}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ApiTimeout);
        using var response = await SendAsync(HttpMethod.Get, uri, null, "the model search", null, timeout.Token, cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var models = await JsonSerializer.DeserializeAsync(stream, HuggingFaceJsonContext.Default.HuggingFaceModelInfoArray, timeout.Token).ConfigureAwait(false);
                return [.. (models ?? []).Where(m => !string.IsNullOrEmpty(m.Id))];
            }
        }
        catch (JsonException error)
        {
            throw new DownloadException($"Hugging Face's search answered with something that is not valid JSON: {error.Message}", error);
        }
        catch (Exception error) when (error is HttpRequestException or IOException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new DownloadException($"Searching {Options.Endpoint} failed: {error.Message}", error);
        }
    }

    /// <summary>
    /// Starts downloading <paramref name="path"/> of <paramref name="repository"/> from byte <paramref name="offset"/>
    /// (a Range request when it is not 0). The caller reads and disposes the response; a 206 means the range was
    /// honoured, a 200 that the whole file comes.
    /// </summary>
    /// <exception cref="ModelNotFoundException">No such repository or file (404).</exception>
    /// <exception cref="DownloadException">401/403 (a token is needed), 416, or another failure; <see cref="HttpRequestException"/> and <see cref="IOException"/> pass through for retries.</exception>
    public Task<HttpResponseMessage> OpenFileAsync(string repository, string path, long offset, long? lastByte, CancellationToken cancellationToken)
    {
        CheckRepository(repository);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        var uri = new Uri(Options.Endpoint, $"{repository}/resolve/main/{escaped}");
        var range = offset > 0 || lastByte is not null ? new RangeHeaderValue(offset, lastByte) : null;
        return SendAsync(HttpMethod.Get, uri, range, repository, path, cancellationToken, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static HttpMessageHandler CreateHandler(Uri endpoint) => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        // A mirror on this machine (tests, a local cache) must not go through HTTP_PROXY.
        UseProxy = !endpoint.IsLoopback,
    };

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, Uri uri, RangeHeaderValue? range, string what, string? file, CancellationToken requestToken, CancellationToken callerToken)
    {
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Range = range;
            var sendsToken = Options.Token is not null && IsHub(uri);
            if (sendsToken)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.Token);
            }

            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, requestToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                response.Dispose();
                uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                throw await ErrorAsync(response, what, file, sendsToken, callerToken).ConfigureAwait(false);
            }
        }

        throw new DownloadException($"Hugging Face redirected {what} more than {MaxRedirects} times.");
    }

    private static async Task<Exception> ErrorAsync(HttpResponseMessage response, string what, string? file, bool sentToken, CancellationToken cancellationToken)
    {
        var code = response.Headers.TryGetValues("X-Error-Code", out var codes) ? codes.FirstOrDefault() : null;
        var message = response.Headers.TryGetValues("X-Error-Message", out var messages) ? messages.FirstOrDefault() : null;
        if (message is null)
        {
            try
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                message = body.Length > 300 ? body[..300] : body;
            }
            catch (Exception error) when (error is HttpRequestException or IOException)
            {
                message = null;
            }
        }

        var target = file is null ? what : $"{file} in {what}";
        var status = (int)response.StatusCode;
        return status switch
        {
            404 or 410 when code is not "GatedRepo" => new ModelNotFoundException(file is null
                ? $"Hugging Face has no repository '{what}'"
                : $"Hugging Face has no file '{file}' in '{what}'"),
            401 or 403 when code is "RepoNotFound" && !sentToken => new ModelNotFoundException(
                $"Hugging Face has no public repository '{what}'; if it is private or gated, set HF_TOKEN to a token with access"),
            401 or 403 when sentToken => new DownloadException(
                $"Hugging Face refused {target} ({status}): the token in HF_TOKEN has no access to it. Accept the model's license on its page, or use a token that can read it."),
            401 or 403 => new DownloadException(
                $"Hugging Face refused {target} ({status}): the repository is gated or private, so a token is needed. Set HF_TOKEN to a Hugging Face access token."),
            416 => new DownloadException($"Hugging Face could not serve the requested range of {target} (416)."),
            _ => new HttpRequestException(
                $"Hugging Face answered {status} {response.ReasonPhrase} for {target}{(string.IsNullOrWhiteSpace(message) ? "" : ": " + message.Trim())}",
                null,
                response.StatusCode),
        };
    }

    private bool IsHub(Uri uri) =>
        string.Equals(uri.Host, Options.Endpoint.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == Options.Endpoint.Port && uri.Scheme == Options.Endpoint.Scheme;

    private Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links.SelectMany(l => l.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length > 1 && parts[0].StartsWith('<') && parts[0].EndsWith('>') && parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) == "rel=\"next\""))
            {
                var next = new Uri(Options.Endpoint, parts[0][1..^1]);
                return IsHub(next) ? next : null;
            }
        }

        return null;
    }

    private static void CheckRepository(string repository)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        var segments = repository.Split('/');
        if (segments.Length != 2 || segments.Any(s => s.Length == 0 || s.StartsWith('.') || s.Contains("..", StringComparison.Ordinal)
            || !s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ValidationException($"'{repository}' is not a Hugging Face repository (owner/repo).");
        }
    }
}
