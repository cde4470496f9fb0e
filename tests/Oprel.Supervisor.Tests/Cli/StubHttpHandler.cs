using System.Net;
using System.Text;

namespace Oprel.Supervisor.Tests.Cli;

/// <summary>An HTTP handler that answers from a function and records the requests' bodies.</summary>
internal sealed class StubHttpHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    public List<(string Path, string Body)> Requests { get; } = [];

    public static HttpResponseMessage Ndjson(params string[] lines) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(string.Concat(lines.Select(line => line + "\n")), Encoding.UTF8, "application/x-ndjson"),
    };

    public static HttpResponseMessage Json(HttpStatusCode status, string body) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.RequestUri!.AbsolutePath, body));
        }

        return await answer(request, cancellationToken);
    }
}
