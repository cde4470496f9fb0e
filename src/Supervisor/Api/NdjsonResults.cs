using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Oprel.Json;
using Oprel.OllamaApi;

namespace Oprel.Supervisor.Api;

/// <summary>
/// Writes a stream of Ollama responses: NDJSON, one flushed line per chunk, or one object with "stream": false.
/// An error before the first chunk gets its proper status; an error mid-stream becomes a last <c>{"error": …}</c> line.
/// </summary>
internal static class NdjsonResults
{
    public static async Task WriteAsync<T>(
        HttpContext context, IAsyncEnumerable<T> chunks, bool stream, JsonTypeInfo<T> typeInfo, Func<T, T, T> merge)
        where T : OllamaCompletionStats
    {
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        await using var enumerator = chunks.GetAsyncEnumerator(cancellationToken);
        bool hasFirst;
        try
        {
            hasFirst = await enumerator.MoveNextAsync();
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await WriteErrorAsync(context, error);
            return;
        }

        if (!hasFirst)
        {
            await WriteErrorAsync(context, new BackendException("the model produced no answer"));
            return;
        }

        if (!stream)
        {
            var whole = enumerator.Current;
            try
            {
                while (await enumerator.MoveNextAsync())
                {
                    whole = merge(whole, enumerator.Current);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await WriteErrorAsync(context, error);
                return;
            }

            response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(response.Body, whole, typeInfo, cancellationToken);
            return;
        }

        await WriteLinesAsync(context, enumerator, typeInfo);
    }

    /// <summary>Writes the enumerator's current item and every later one as flushed NDJSON lines; an error becomes a last <c>{"error": …}</c> line.</summary>
    public static async Task WriteLinesAsync<T>(HttpContext context, IAsyncEnumerator<T> enumerator, JsonTypeInfo<T> typeInfo)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.ContentType = "application/x-ndjson";
        await context.Response.StartAsync(cancellationToken);
        var body = context.Response.BodyWriter;
        try
        {
            // One writer for every line: a stream's lines come one token apart, and each would otherwise allocate a
            // writer and run its asynchronous dispose.
            using var writer = new Utf8JsonWriter(body);
            do
            {
                JsonSerializer.Serialize(writer, enumerator.Current, typeInfo);
                writer.Flush();
                writer.Reset();
                body.Write("\n"u8);
                await body.FlushAsync(cancellationToken);
            }
            while (await enumerator.MoveNextAsync());
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await using (var writer = new Utf8JsonWriter(body))
            {
                JsonSerializer.Serialize(writer, new OllamaError(ErrorResponses.MessageFor(error)), OprelJsonContext.Default.OllamaError);
            }

            body.Write("\n"u8);
            await body.FlushAsync(CancellationToken.None);
        }
    }

    public static async Task WriteErrorAsync(HttpContext context, Exception error)
    {
        context.Response.StatusCode = ErrorResponses.StatusFor(error);
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(
            context.Response.Body, new OllamaError(ErrorResponses.MessageFor(error)), OprelJsonContext.Default.OllamaError, CancellationToken.None);
    }
}
