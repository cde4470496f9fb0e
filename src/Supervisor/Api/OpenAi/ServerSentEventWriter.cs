using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>Writes OpenAI's server-sent events: <c>data: {json}\n\n</c>, one flushed event per chunk, ending with <c>data: [DONE]\n\n</c>.</summary>
internal sealed class ServerSentEventWriter(HttpResponse response)
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(cancellationToken);
    }

    public async Task WriteAsync<T>(T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var body = response.BodyWriter;
        body.Write("data: "u8);
        await using (var writer = new Utf8JsonWriter(body))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        body.Write("\n\n"u8);
        await body.FlushAsync(cancellationToken);
    }

    public async Task WriteDoneAsync(CancellationToken cancellationToken)
    {
        response.BodyWriter.Write("data: [DONE]\n\n"u8);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
