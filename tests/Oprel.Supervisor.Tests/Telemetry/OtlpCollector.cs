using System.Collections.Concurrent;
using System.Net;
using Oprel.Supervisor.Tests.EndToEnd;

namespace Oprel.Supervisor.Tests.Telemetry;

/// <summary>A fake OTLP/HTTP (protobuf) collector on loopback: keeps the spans and the raw bodies of what it is sent.</summary>
internal sealed class OtlpCollector : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _requests = new();
    private readonly Task _serving;

    public OtlpCollector()
    {
        Port = OprelProcess.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<OtlpSpan> Spans => [.. _spans];

    public IReadOnlyList<(string Path, byte[] Body)> Requests => [.. _requests];

    /// <summary>Waits until <paramref name="condition"/> holds for the spans received so far.</summary>
    public async Task<IReadOnlyList<OtlpSpan>> WaitForSpansAsync(Func<IReadOnlyList<OtlpSpan>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var spans = Spans;
            if (condition(spans))
            {
                return spans;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the collector got {spans.Count} spans: {string.Join(", ", spans.Select(s => $"{s.Service}/{s.Name}/{s.TraceId}"))}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var path = context.Request.Url!.AbsolutePath;
            _requests.Enqueue((path, body.ToArray()));
            if (path == "/v1/traces")
            {
                foreach (var span in OtlpSpan.Parse(body.ToArray()))
                {
                    _spans.Enqueue(span);
                }
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
