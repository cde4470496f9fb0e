using System.Net;
using System.Text.Json;

namespace Oprel.Http;

/// <summary>Turns the server's HTTP errors (Ollama's <c>{"error": …}</c>) into the seed's exceptions.</summary>
internal static class HttpErrors
{
    public static OprelException FromStatus(HttpStatusCode status, string body)
    {
        var message = MessageOf(body) ?? $"the server answered {(int)status} {status}";
        return status switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new ValidationException(message),
            HttpStatusCode.NotFound => new ModelNotFoundException(message),
            HttpStatusCode.InsufficientStorage => new MemoryLimitException(message),
            HttpStatusCode.BadGateway => new DownloadException(message),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ValidationException(message),
            _ => new BackendException(message),
        };
    }

    /// <summary>The "error" of an error body or NDJSON line, or null when it is not one.</summary>
    public static string? MessageOf(string json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                ? error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static BackendException Unreachable(Uri server, Exception error) =>
        new($"no Oprel server answers at {server} ({error.Message}); start one with `oprel serve`", error);
}
