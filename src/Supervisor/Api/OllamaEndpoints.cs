using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Oprel.Downloads;
using Oprel.Json;
using Oprel.OllamaApi;
using Oprel.Supervisor.Hosting;
using Oprel.Supervisor.Inference;
using Oprel.Supervisor.Workers;

namespace Oprel.Supervisor.Api;

/// <summary>Ollama's HTTP API on Oprel's supervisor.</summary>
internal static partial class OllamaEndpoints
{
    public static IEndpointRouteBuilder MapOllamaApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods("/", ["GET", "HEAD"], () => Results.Text("Oprel is running"));
        endpoints.MapGet("/api/version", () => Results.Json(new OllamaVersionResponse(SupervisorVersion.Current), OprelJsonContext.Default.OllamaVersionResponse));
        endpoints.MapGet("/api/ps", (WorkerPool pool) => Results.Json(RunningModels.List(pool), OprelJsonContext.Default.OllamaProcessList));
        endpoints.MapPost("/api/generate", GenerateAsync);
        endpoints.MapPost("/api/chat", ChatAsync);
        endpoints.MapPost("/api/pull", PullAsync);
        endpoints.MapPost("/api/embed", EmbedAsync);
        endpoints.MapPost("/api/embeddings", EmbeddingsAsync);
        MapModelManagement(endpoints);
        return endpoints;
    }

    private static async Task GenerateAsync(HttpContext context)
    {
        var request = await ReadAsync(context, OprelJsonContext.Default.OllamaGenerateRequest);
        if (request is null)
        {
            return;
        }

        var service = context.RequestServices.GetRequiredService<GenerationService>();
        await NdjsonResults.WriteAsync(
            context,
            service.GenerateAsync(request, context.RequestAborted),
            request.Stream ?? true,
            OprelJsonContext.Default.OllamaGenerateResponse,
            static (whole, next) => next with { Response = whole.Response + next.Response });
    }

    private static async Task ChatAsync(HttpContext context)
    {
        var request = await ReadAsync(context, OprelJsonContext.Default.OllamaChatRequest);
        if (request is null)
        {
            return;
        }

        var service = context.RequestServices.GetRequiredService<GenerationService>();
        await NdjsonResults.WriteAsync(
            context,
            service.ChatAsync(request, context.RequestAborted),
            request.Stream ?? true,
            OprelJsonContext.Default.OllamaChatResponse,
            static (whole, next) => next with { Message = next.Message with { Content = whole.Message.Content + next.Message.Content } });
    }

    private static async Task PullAsync(HttpContext context)
    {
        var request = await ReadAsync(context, OprelJsonContext.Default.OllamaPullRequest);
        if (request is null)
        {
            return;
        }

        var model = request.ModelOrName;
        if (string.IsNullOrWhiteSpace(model))
        {
            await NdjsonResults.WriteErrorAsync(context, new ValidationException("model is required"));
            return;
        }

        var puller = context.RequestServices.GetRequiredService<ModelPuller>();
        await ProgressResults.WriteAsync(context, puller.PullAsync(model, null, context.RequestAborted), request.Stream ?? true);
    }

    private static async Task EmbedAsync(HttpContext context)
    {
        var request = await ReadAsync(context, OprelJsonContext.Default.OllamaEmbedRequest);
        if (request is null)
        {
            return;
        }

        try
        {
            var response = await context.RequestServices.GetRequiredService<GenerationService>().EmbedAsync(request, context.RequestAborted);
            await Results.Json(response, OprelJsonContext.Default.OllamaEmbedResponse).ExecuteAsync(context);
        }
        catch (Exception error) when (error is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            await NdjsonResults.WriteErrorAsync(context, error);
        }
    }

    /// <summary>The older single-vector endpoint: {"model", "prompt"} → {"embedding": [...]}.</summary>
    private static async Task EmbeddingsAsync(HttpContext context)
    {
        var request = await ReadAsync(context, OprelJsonContext.Default.OllamaEmbedRequest);
        if (request is null)
        {
            return;
        }

        try
        {
            var response = await context.RequestServices.GetRequiredService<GenerationService>()
                .EmbedAsync(request with { Input = null, Prompt = request.Prompt ?? "" }, context.RequestAborted);
            await Results.Json(new OllamaEmbeddingResponse(response.Embeddings.FirstOrDefault() ?? []), OprelJsonContext.Default.OllamaEmbeddingResponse).ExecuteAsync(context);
        }
        catch (Exception error) when (error is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            await NdjsonResults.WriteErrorAsync(context, error);
        }
    }

    /// <summary>Reads a JSON body; on malformed JSON or wrong types it answers 400 with what is wrong and returns null.</summary>
    private static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            var request = await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted);
            if (request is null)
            {
                await NdjsonResults.WriteErrorAsync(context, new ValidationException("the request body must be a JSON object"));
            }

            return request;
        }
        catch (JsonException error)
        {
            await NdjsonResults.WriteErrorAsync(context, JsonBodyErrors.Describe(error));
            return null;
        }
    }
}
