using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Oprel.Json;
using Oprel.Supervisor.Catalog;

namespace Oprel.Supervisor.Api;

/// <summary>Ollama's model-management routes: tags, show, copy, delete, create and blobs.</summary>
internal static partial class OllamaEndpoints
{
    private static void MapModelManagement(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/tags", TagsAsync);
        endpoints.MapPost("/api/show", ShowAsync);
        endpoints.MapPost("/api/copy", CopyAsync);
        endpoints.MapDelete("/api/delete", DeleteAsync);
        endpoints.MapPost("/api/create", CreateAsync);
        endpoints.MapMethods("/api/blobs/{digest}", ["HEAD"], HasBlob);
        endpoints.MapPost("/api/blobs/{digest}", PushBlobAsync);
    }

    private static Task TagsAsync(HttpContext context) => AnswerAsync(context, async catalog =>
        Results.Json(await catalog.ListAsync(context.RequestAborted), OprelJsonContext.Default.OllamaTagsResponse));

    private static async Task ShowAsync(HttpContext context)
    {
        var request = await ReadAsync(context, OprelJsonContext.Default.OllamaModelRequest);
        if (request is not null)
        {
            await AnswerAsync(context, async catalog => Results.Json(
                await catalog.ShowAsync(request.ModelOrName ?? "", request.Verbose ?? false, context.RequestAborted), OprelJsonContext.Default.OllamaShowResponse));
        }
    }

    private static async Task CopyAsync(HttpContext context)
    {
        var request = await ReadAsync(context, OprelJsonContext.Default.OllamaCopyRequest);
        if (request is not null)
        {
            await AnswerAsync(context, async catalog =>
            {
                if (string.IsNullOrWhiteSpace(request.Source) || string.IsNullOrWhiteSpace(request.Destination))
                {
                    throw new ValidationException("source and destination are required");
                }

                await catalog.CopyAsync(request.Source, request.Destination, context.RequestAborted);
                return Results.Ok();
            });
        }
    }

    private static async Task DeleteAsync(HttpContext context)
    {
        var request = await ReadAsync(context, OprelJsonContext.Default.OllamaModelRequest);
        if (request is not null)
        {
            await AnswerAsync(context, async catalog =>
            {
                await catalog.DeleteAsync(request.ModelOrName is { Length: > 0 } model ? model : throw new ValidationException("model is required"));
                return Results.Ok();
            });
        }
    }

    private static async Task CreateAsync(HttpContext context)
    {
        var request = await ReadAsync(context, OprelJsonContext.Default.OllamaCreateRequest);
        if (request is not null)
        {
            var catalog = context.RequestServices.GetRequiredService<ModelCatalog>();
            await ProgressResults.WriteAsync(context, catalog.CreateAsync(request, context.RequestAborted), request.Stream ?? true);
        }
    }

    private static IResult HasBlob(string digest, ModelCatalog catalog) =>
        DigestPattern().IsMatch(digest) && catalog.HasBlob(digest) ? Results.Ok() : Results.NotFound();

    private static Task PushBlobAsync(HttpContext context, string digest) => AnswerAsync(context, async catalog =>
    {
        if (!DigestPattern().IsMatch(digest))
        {
            throw new ValidationException($"'{digest}' is not a digest; use sha256:<64 hex digits>");
        }

        await catalog.AddBlobAsync(context.Request.Body, digest, context.RequestAborted);
        return Results.Created();
    });

    /// <summary>Runs a catalog call and writes its result, or its error with the right status.</summary>
    private static async Task AnswerAsync(HttpContext context, Func<ModelCatalog, Task<IResult>> call)
    {
        IResult result;
        try
        {
            result = await call(context.RequestServices.GetRequiredService<ModelCatalog>());
        }
        catch (Exception error) when (error is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            await NdjsonResults.WriteErrorAsync(context, error);
            return;
        }

        await result.ExecuteAsync(context);
    }

    [GeneratedRegex("^sha256[:-][0-9a-f]{64}$")]
    private static partial Regex DigestPattern();
}
