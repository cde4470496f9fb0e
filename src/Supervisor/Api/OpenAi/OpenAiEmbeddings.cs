using System.Buffers.Binary;
using Oprel.OllamaApi;
using Oprel.OpenAiApi;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>Turns the vectors of /api/embed into /v1/embeddings' list: floats or base64, shortened to "dimensions".</summary>
internal static class OpenAiEmbeddings
{
    public static bool IsFloat(string format) => string.Equals(format, "float", StringComparison.OrdinalIgnoreCase);

    public static bool IsBase64(string format) => string.Equals(format, "base64", StringComparison.OrdinalIgnoreCase);

    public static OpenAiEmbeddingList ToList(OllamaEmbedResponse response, string model, string? encodingFormat, int? dimensions)
    {
        ArgumentNullException.ThrowIfNull(response);
        var base64 = encodingFormat is not null && IsBase64(encodingFormat);
        var data = new List<OpenAiEmbedding>(response.Embeddings.Count);
        for (var i = 0; i < response.Embeddings.Count; i++)
        {
            var vector = Shorten(response.Embeddings[i], dimensions);
            data.Add(new OpenAiEmbedding { Embedding = base64 ? Base64(vector) : vector, Index = i });
        }

        var tokens = response.PromptEvalCount ?? 0;
        return new OpenAiEmbeddingList { Data = data, Model = model, Usage = new OpenAiEmbeddingUsage { PromptTokens = tokens, TotalTokens = tokens } };
    }

    /// <summary>The first <paramref name="dimensions"/> values, scaled back to unit length; the vector itself when it is not longer.</summary>
    public static float[] Shorten(float[] vector, int? dimensions)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (dimensions is not { } count || count >= vector.Length)
        {
            return vector;
        }

        var shortened = vector[..count];
        var norm = Math.Sqrt(shortened.Sum(x => (double)x * x));
        if (norm > 0)
        {
            for (var i = 0; i < shortened.Length; i++)
            {
                shortened[i] = (float)(shortened[i] / norm);
            }
        }

        return shortened;
    }

    /// <summary>OpenAI's base64 encoding: the float32 values in little-endian order.</summary>
    public static string Base64(float[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
