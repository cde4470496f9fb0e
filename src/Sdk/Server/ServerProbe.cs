using System.Net.Http.Json;
using System.Text.Json;
using Oprel.Json;

namespace Oprel.Server;

/// <summary>Asks GET /api/version whether an Oprel (or Ollama) server answers at an address.</summary>
internal static class ServerProbe
{
    public static async Task<string?> TryGetVersionAsync(Uri baseUri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(new Uri("api/version", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var body = await response.Content.ReadFromJsonAsync(OprelJsonContext.Default.OllamaVersionResponse, limit.Token).ConfigureAwait(false);
            return body?.Version;
        }
        catch (Exception error) when (error is HttpRequestException or IOException or JsonException
            || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
