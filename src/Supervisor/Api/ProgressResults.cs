using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Oprel.Json;
using Oprel.OllamaApi;

namespace Oprel.Supervisor.Api;

/// <summary>
/// Writes /api/pull's progress: NDJSON lines flushed as they come, or with "stream": false the last object alone.
/// An error before the first line gets its proper status; later, it becomes a last <c>{"error": …}</c> line.
/// </summary>
internal static class ProgressResults
{
    public static async Task WriteAsync(HttpContext context, IAsyncEnumerable<OllamaProgressResponse> progress, bool stream)
    {
        var cancellationToken = context.RequestAborted;
        await using var enumerator = progress.GetAsyncEnumerator(cancellationToken);
        OllamaProgressResponse? last = null;
        try
        {
            if (!stream)
            {
                while (await enumerator.MoveNextAsync())
                {
                    last = enumerator.Current;
                }

                context.Response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(
                    context.Response.Body, last ?? new OllamaProgressResponse { Status = "success" }, OprelJsonContext.Default.OllamaProgressResponse, cancellationToken);
                return;
            }

            if (!await enumerator.MoveNextAsync())
            {
                await NdjsonResults.WriteErrorAsync(context, new BackendException("the pull reported nothing"));
                return;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await NdjsonResults.WriteErrorAsync(context, error);
            return;
        }

        context.Response.ContentType = "application/x-ndjson";
        await context.Response.StartAsync(cancellationToken);
        var body = context.Response.BodyWriter;
        try
        {
            do
            {
                await using (var writer = new Utf8JsonWriter(body))
                {
                    JsonSerializer.Serialize(writer, enumerator.Current, OprelJsonContext.Default.OllamaProgressResponse);
                }

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
}
