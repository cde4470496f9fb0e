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

        await NdjsonResults.WriteLinesAsync(context, enumerator, OprelJsonContext.Default.OllamaProgressResponse);
    }
}
