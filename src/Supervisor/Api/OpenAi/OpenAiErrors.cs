using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Oprel.Json;
using Oprel.OpenAiApi;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>
/// Errors in OpenAI's shape, <c>{"error": {"message", "type", "param", "code"}}</c>, with the statuses Oprel's
/// Ollama API uses and the types Ollama's OpenAI layer gives them.
/// </summary>
internal static class OpenAiErrors
{
    public static OpenAiErrorResponse For(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new OpenAiErrorResponse(new OpenAiError { Message = ErrorResponses.MessageFor(error), Type = TypeFor(ErrorResponses.StatusFor(error)) });
    }

    public static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid_request_error",
        StatusCodes.Status404NotFound => "not_found_error",
        _ => "api_error",
    };

    /// <summary>Answers the request with the error's status and body; the response must not have started.</summary>
    public static async Task WriteAsync(HttpContext context, Exception error)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = ErrorResponses.StatusFor(error);
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, For(error), OprelJsonContext.Default.OpenAiErrorResponse, CancellationToken.None);
    }
}
