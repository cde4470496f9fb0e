using System.Text.Json;

namespace Oprel.Supervisor.Inference.Tools;

/// <summary>Checks the "tools" of a chat request.</summary>
internal static class ToolDefinitions
{
    /// <summary>The tools, or null for none (absent, null or an empty array).</summary>
    /// <exception cref="ValidationException">They are not an array of <c>{"type": "function", "function": {"name": …}}</c>.</exception>
    public static ToolSet? Check(JsonElement? tools)
    {
        if (tools is not { } array || array.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new ValidationException("tools must be an array of {\"type\": \"function\", \"function\": {\"name\": …}} objects");
        }

        var names = new List<string>();
        var index = 0;
        foreach (var tool in array.EnumerateArray())
        {
            var where = $"tools[{index++}]";
            if (tool.ValueKind != JsonValueKind.Object)
            {
                throw new ValidationException($"{where} must be an object");
            }

            if (!tool.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "function")
            {
                throw new ValidationException($"{where}.type must be \"function\"");
            }

            if (!tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                throw new ValidationException($"{where}.function must be an object");
            }

            if (!function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
            {
                throw new ValidationException($"{where}.function.name must be a non-empty string");
            }

            names.Add(name.GetString()!);
        }

        return names.Count == 0 ? null : new ToolSet(array.GetRawText(), names);
    }
}
