using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Oprel.Json;
using Oprel.OllamaApi;

namespace Oprel.Supervisor.Api.Security;

/// <summary>
/// With OPREL_API_KEY set, every route but <c>/</c> and <c>/api/version</c> needs <c>Authorization: Bearer KEY</c>
/// (Ollama has no such option; users ask for it). Without the variable, nothing is checked.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, string apiKey)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(apiKey);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value ?? "/";
        if (path is "/" or "/api/version" || HttpMethods.IsOptions(context.Request.Method) || Authorized(context.Request))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        context.Response.ContentType = "application/json; charset=utf-8";
        const string message = "unauthorized: this server needs \"Authorization: Bearer <OPREL_API_KEY>\"";
        if (path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            await context.Response.WriteAsync(
                $$$"""{"error":{"message":{{{JsonSerializer.Serialize(message, OprelJsonContext.Default.String)}}},"type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""");
            return;
        }

        await JsonSerializer.SerializeAsync(context.Response.Body, new OllamaError(message), OprelJsonContext.Default.OllamaError);
    }

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _key);
    }
}
