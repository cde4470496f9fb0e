using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>Reads a JSON request body of the OpenAI API.</summary>
internal static class OpenAiRequestBody
{
    /// <summary>Reads the body; on malformed JSON or wrong types it answers 400 in OpenAI's shape and returns null.</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var request = await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted);
            if (request is null)
            {
                await OpenAiErrors.WriteAsync(context, new ValidationException("the request body must be a JSON object"));
            }

            return request;
        }
        catch (JsonException error)
        {
            await OpenAiErrors.WriteAsync(context, JsonBodyErrors.Describe(error));
            return null;
        }
    }
}
