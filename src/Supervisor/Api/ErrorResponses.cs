using Microsoft.AspNetCore.Http;

namespace Oprel.Supervisor.Api;

/// <summary>Maps the seed's exceptions to HTTP statuses: a client's mistake is never a 500.</summary>
internal static class ErrorResponses
{
    public static int StatusFor(Exception error) => error switch
    {
        ValidationException => StatusCodes.Status400BadRequest,
        ModelNotFoundException => StatusCodes.Status404NotFound,
        MemoryLimitException => StatusCodes.Status507InsufficientStorage,
        DownloadException => StatusCodes.Status502BadGateway,
        ObjectDisposedException or Workers.ServerBusyException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The text for Ollama's <c>{"error": …}</c>: the exception's message for Oprel's own errors.</summary>
    public static string MessageFor(Exception error) => error switch
    {
        OprelException => error.Message,
        ObjectDisposedException => "the server is shutting down",
        _ => $"internal error: {error.Message}",
    };
}
