using System.Text.Json;
using System.Text.Json.Nodes;
using Oprel.Json;
using Oprel.OllamaApi;
using Oprel.Rpc;

namespace Oprel.Supervisor.Inference;

/// <summary>What a created model's Modelfile set (PARAMETER, SYSTEM), under what a request says itself.</summary>
internal static class ModelDefaults
{
    /// <summary>The model's parameters with the request's own options on top.</summary>
    /// <exception cref="ValidationException">The model's parameters hold a value of the wrong type.</exception>
    public static OllamaOptions? Options(JsonObject? parameters, OllamaOptions? request)
    {
        if (parameters is null)
        {
            return request;
        }

        var merged = parameters.DeepClone().AsObject();
        if (request is not null && JsonSerializer.SerializeToNode(request, OprelJsonContext.Default.OllamaOptions) is JsonObject own)
        {
            foreach (var (key, value) in own)
            {
                merged[key] = value?.DeepClone();
            }
        }

        try
        {
            return merged.Deserialize(OprelJsonContext.Default.OllamaOptions);
        }
        catch (JsonException error)
        {
            throw new ValidationException($"the model's parameters are invalid: {error.Message}", error);
        }
    }

    /// <summary>The conversation with the model's system prompt first, unless it has one of its own.</summary>
    public static List<ChatTurn> WithSystem(List<ChatTurn> turns, string? system) =>
        system is null || turns.Any(t => t.Role == "system") ? turns : [new ChatTurn("system", system), .. turns];
}
