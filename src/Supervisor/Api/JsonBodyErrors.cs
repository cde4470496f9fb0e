using System.Text.Json;

namespace Oprel.Supervisor.Api;

/// <summary>Turns a request body that does not deserialize into a 400 that says where and what is wrong.</summary>
internal static class JsonBodyErrors
{
    public static ValidationException Describe(JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var where = error.Path is { Length: > 1 } path ? $" at {path}" : "";
        var message = error.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"invalid value{where}: wrong type"
            : $"invalid JSON{where}: {error.Message.Split(" Path:")[0]}";
        return new ValidationException(message, error);
    }
}
