using System.Text.Json;
using Oprel.OllamaApi;
using Oprel.Rpc;
using Oprel.Worker.Grammar;

namespace Oprel.Supervisor.Inference;

/// <summary>Checks Ollama's options and turns them into the engine's sampling settings.</summary>
internal static class SamplingMapper
{
    public static SamplingOptions Map(OllamaOptions? options, JsonElement? format)
    {
        var defaults = new SamplingOptions();
        if (options is null && format is null)
        {
            return defaults;
        }

        var o = options ?? new OllamaOptions();
        Check(o.Temperature is null or (>= 0 and <= 2), "temperature must be between 0 and 2");
        Check(o.TopP is null or (>= 0 and <= 1), "top_p must be between 0 and 1");
        Check(o.MinP is null or (>= 0 and <= 1), "min_p must be between 0 and 1");
        Check(o.TopK is null or >= 0, "top_k must not be negative");
        Check(o.RepeatPenalty is null or >= 0, "repeat_penalty must not be negative");
        Check(o.NumPredict is null or >= -2, "num_predict must be -1 (no limit), -2 (fill the context) or a token count");
        Check(o.NumCtx is null or >= 16, "num_ctx must be at least 16");
        Check(o.NumBatch is null or >= 1, "num_batch must be positive");
        Check(o.NumThread is null or >= 0, "num_thread must not be negative");
        Check(o.NumGpu is null or >= -1, "num_gpu must be -1 (automatic) or a layer count");
        return defaults with
        {
            Temperature = o.Temperature ?? defaults.Temperature,
            TopK = o.TopK ?? defaults.TopK,
            TopP = o.TopP ?? defaults.TopP,
            MinP = o.MinP ?? defaults.MinP,
            RepeatPenalty = o.RepeatPenalty ?? defaults.RepeatPenalty,
            RepeatLastN = o.RepeatLastN ?? defaults.RepeatLastN,
            PresencePenalty = o.PresencePenalty ?? defaults.PresencePenalty,
            FrequencyPenalty = o.FrequencyPenalty ?? defaults.FrequencyPenalty,
            Seed = o.Seed is >= 0 ? (uint)(o.Seed.Value & uint.MaxValue) : null,
            NumPredict = o.NumPredict is null or < 0 ? -1 : o.NumPredict.Value,
            Stop = o.Stop ?? [],
            Grammar = GrammarFor(format),
        };
    }

    /// <summary>"json" → any JSON object; a JSON schema → a grammar that only admits JSON matching it.</summary>
    private static string? GrammarFor(JsonElement? format)
    {
        if (format is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String when element.GetString() is "":
                return null;
            case JsonValueKind.String when element.GetString() == "json":
                return JsonSchemaGrammar.AnyJsonObject;
            case JsonValueKind.Object:
                try
                {
                    return JsonSchemaGrammar.FromSchema(element.GetRawText());
                }
                catch (JsonSchemaGrammarException error)
                {
                    throw new ValidationException($"format: {error.Message}", error);
                }

            default:
                throw new ValidationException($"format must be \"json\" or a JSON schema object, not {element.GetRawText()}");
        }
    }

    private static void Check(bool valid, string message)
    {
        if (!valid)
        {
            throw new ValidationException(message);
        }
    }
}
