using System.Text.Json;
using System.Text.Json.Nodes;
using Oprel.Http;
using Oprel.Server;

namespace Oprel;

/// <summary>
/// The low-level HTTP client of an Oprel server: JSON in, JSON out. Paths without <c>/api/</c> or <c>/v1/</c> are
/// taken as Ollama API paths, so <c>PostAsync("/generate", …)</c> calls <c>/api/generate</c>, as in the seed.
/// </summary>
public sealed class OprelHttpClient : IDisposable
{
    private static readonly JsonSerializerOptions AnyObject = new(JsonSerializerDefaults.Web);
    private readonly OllamaHttpTransport _transport;

    /// <summary>Creates a client of the server at <paramref name="baseUrl"/>.</summary>
    /// <exception cref="ValidationException"><paramref name="baseUrl"/> is not an http(s) address.</exception>
    public OprelHttpClient(string baseUrl = "http://localhost:11434")
    {
        _transport = new OllamaHttpTransport(Client.LocalhostAsIpv4(OllamaHttpTransport.ParseHost(baseUrl)));
    }

    /// <summary>The server's address.</summary>
    public Uri BaseUrl => _transport.BaseAddress;

    /// <summary>POSTs <paramref name="json"/> (any object, a JsonNode or a JSON string) and returns the answer; a streamed answer comes back as an array of its lines.</summary>
    public async Task<JsonNode?> PostAsync(string endpoint, object json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var body = json switch
        {
            string text => text,
            JsonNode node => node.ToJsonString(),
            _ => JsonSerializer.Serialize(json, json.GetType(), AnyObject),
        };
        return Parse(await _transport.SendRawAsync(HttpMethod.Post, ApiPath(endpoint), body, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>GETs <paramref name="endpoint"/> and returns the answer.</summary>
    public async Task<JsonNode?> GetAsync(string endpoint, CancellationToken cancellationToken = default) =>
        Parse(await _transport.SendRawAsync(HttpMethod.Get, ApiPath(endpoint), null, cancellationToken).ConfigureAwait(false));

    /// <summary>True when the server answers GET /api/version within a few seconds.</summary>
    public async Task<bool> HealthCheckAsync(CancellationToken cancellationToken = default) =>
        await ServerProbe.TryGetVersionAsync(BaseUrl, TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose() => _transport.Dispose();

    internal static string ApiPath(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        var path = endpoint.TrimStart('/');
        return path.Length == 0 || path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("v1/", StringComparison.Ordinal)
            ? path
            : $"api/{path}";
    }

    private static JsonNode? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            // NDJSON: one JSON value per line.
            var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new JsonArray(lines.Select(line => JsonNode.Parse(line)).ToArray());
        }
    }
}
