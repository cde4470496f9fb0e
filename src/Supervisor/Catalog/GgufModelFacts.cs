using System.Globalization;
using System.Text.Json.Nodes;
using Oprel.Gguf;
using Oprel.OllamaApi;

namespace Oprel.Supervisor.Catalog;

/// <summary>What /api/tags and /api/show say about a GGUF file: details (family, size, quantization) and its metadata.</summary>
internal sealed record GgufModelFacts(OllamaModelDetails Details, JsonObject ModelInfo, string? ChatTemplate)
{
    private static readonly Dictionary<long, string> FileTypes = new()
    {
        [0] = "F32", [1] = "F16", [2] = "Q4_0", [3] = "Q4_1", [7] = "Q8_0", [8] = "Q5_0", [9] = "Q5_1", [10] = "Q2_K",
        [11] = "Q3_K_S", [12] = "Q3_K_M", [13] = "Q3_K_L", [14] = "Q4_K_S", [15] = "Q4_K_M", [16] = "Q5_K_S", [17] = "Q5_K_M",
        [18] = "Q6_K", [19] = "IQ2_XXS", [20] = "IQ2_XS", [21] = "Q2_K_S", [22] = "IQ3_XS", [23] = "IQ3_XXS", [24] = "IQ1_S",
        [25] = "IQ4_NL", [26] = "IQ3_S", [27] = "IQ3_M", [28] = "IQ2_S", [29] = "IQ2_M", [30] = "IQ4_XS", [31] = "IQ1_M", [32] = "BF16",
    };

    /// <exception cref="ValidationException">The file is not a readable GGUF model.</exception>
    public static GgufModelFacts Read(string path, bool verbose)
    {
        GgufFile file;
        try
        {
            file = GgufReader.Read(path);
        }
        catch (Exception error) when (error is GgufFormatException or IOException)
        {
            throw new ValidationException($"'{path}' is not a readable GGUF model: {error.Message}", error);
        }

        var parameters = file.Tensors.Aggregate(0UL, (sum, t) => sum + t.ElementCount);
        var architecture = file.Architecture ?? "";
        var details = new OllamaModelDetails
        {
            Family = architecture,
            Families = architecture.Length > 0 ? [architecture] : [],
            ParameterSize = ParameterSize(parameters),
            QuantizationLevel = file.GetInteger("general.file_type") is { } type && FileTypes.TryGetValue(type, out var name) ? name : "unknown",
        };

        var info = new JsonObject { ["general.parameter_count"] = parameters };
        foreach (var entry in file.Metadata)
        {
            info[entry.Key] = entry.Value switch
            {
                GgufArray array => verbose ? new JsonArray(array.Items.Select(ToNode).ToArray()) : null,
                var value => ToNode(value),
            };
        }

        return new GgufModelFacts(details, info, file.GetString("tokenizer.chat_template"));
    }

    /// <summary>"7.6B", "134M": Ollama's way of writing a parameter count.</summary>
    public static string ParameterSize(ulong count) => count switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e9:0.#}B"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e6:0.#}M"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{count / 1e3:0.#}K"),
    };

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        float number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        byte or sbyte or ushort or short or uint or int or long => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong number => JsonValue.Create(number),
        GgufArray array => new JsonArray(array.Items.Select(ToNode).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };
}
