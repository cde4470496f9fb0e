using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Oprel.Json;
using Oprel.Models;
using Oprel.OllamaApi;
using Oprel.OpenAiApi;
using Oprel.Supervisor.Inference;
using Oprel.Supervisor.Workers;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>OpenAI's API on Oprel's supervisor, as Ollama serves it under /v1.</summary>
internal static class OpenAiEndpoints
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/v1/chat/completions", ChatCompletionsAsync);
        endpoints.MapPost("/v1/completions", CompletionsAsync);
        endpoints.MapGet("/v1/models", ListModels);
        endpoints.MapGet("/v1/models/{**model}", GetModelAsync);
        endpoints.MapPost("/v1/embeddings", EmbeddingsAsync);
        return endpoints;
    }

    private static async Task ChatCompletionsAsync(HttpContext context)
    {
        var request = await OpenAiRequestBody.ReadAsync(context, OprelJsonContext.Default.OpenAiChatCompletionRequest);
        if (request is null)
        {
            return;
        }

        OllamaChatRequest chat;
        try
        {
            chat = OpenAiRequestMapper.ToOllama(request);
        }
        catch (ValidationException error)
        {
            await OpenAiErrors.WriteAsync(context, error);
            return;
        }

        var services = context.RequestServices;
        var format = new ChatCompletionFormat(OpenAiIds.New("chatcmpl"), OpenAiIds.Now(services.GetRequiredService<TimeProvider>()), request.Model?.Trim() ?? "");
        var pieces = services.GetRequiredService<GenerationService>().ChatAsync(chat, context.RequestAborted).Select(CompletionPiece.From);
        await OpenAiResults.WriteAsync(context, pieces, request.Stream ?? false, request.StreamOptions?.IncludeUsage ?? false, format);
    }

    private static async Task CompletionsAsync(HttpContext context)
    {
        var request = await OpenAiRequestBody.ReadAsync(context, OprelJsonContext.Default.OpenAiCompletionRequest);
        if (request is null)
        {
            return;
        }

        OllamaGenerateRequest generate;
        try
        {
            generate = OpenAiRequestMapper.ToOllama(request);
        }
        catch (ValidationException error)
        {
            await OpenAiErrors.WriteAsync(context, error);
            return;
        }

        var services = context.RequestServices;
        var format = new TextCompletionFormat(OpenAiIds.New("cmpl"), OpenAiIds.Now(services.GetRequiredService<TimeProvider>()), request.Model?.Trim() ?? "");
        var pieces = services.GetRequiredService<GenerationService>().GenerateAsync(generate, context.RequestAborted).Select(CompletionPiece.From);
        await OpenAiResults.WriteAsync(context, pieces, request.Stream ?? false, request.StreamOptions?.IncludeUsage ?? false, format);
    }

    private static IResult ListModels(WorkerPool pool, ModelResolver resolver, TimeProvider time) =>
        Results.Json(new OpenAiModelList { Data = OpenAiModels.List(pool, resolver, time) }, OprelJsonContext.Default.OpenAiModelList);

    private static async Task GetModelAsync(HttpContext context, string model)
    {
        var services = context.RequestServices;
        var found = string.IsNullOrWhiteSpace(model)
            ? null
            : OpenAiModels.Find(model, services.GetRequiredService<WorkerPool>(), services.GetRequiredService<ModelResolver>(), services.GetRequiredService<TimeProvider>());
        if (found is null)
        {
            await OpenAiErrors.WriteAsync(context, new ModelNotFoundException($"model '{model}' not found"));
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, found, OprelJsonContext.Default.OpenAiModel, context.RequestAborted);
    }

    private static async Task EmbeddingsAsync(HttpContext context)
    {
        var request = await OpenAiRequestBody.ReadAsync(context, OprelJsonContext.Default.OpenAiEmbeddingRequest);
        if (request is null)
        {
            return;
        }

        OpenAiEmbeddingList list;
        try
        {
            var response = await context.RequestServices.GetRequiredService<GenerationService>().EmbedAsync(OpenAiRequestMapper.ToOllama(request), context.RequestAborted);
            list = OpenAiEmbeddings.ToList(response, request.Model?.Trim() ?? "", request.EncodingFormat, request.Dimensions);
        }
        catch (Exception error) when (error is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            await OpenAiErrors.WriteAsync(context, error);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, list, OprelJsonContext.Default.OpenAiEmbeddingList, context.RequestAborted);
    }
}
