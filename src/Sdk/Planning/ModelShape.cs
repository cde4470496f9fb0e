using Oprel.Gguf;

namespace Oprel.Planning;

/// <summary>The hyperparameters that decide a model's memory beyond its weights: layers, attention heads, vocabulary.</summary>
/// <param name="Architecture">general.architecture, e.g. "llama" or "qwen2".</param>
/// <param name="BlockCount">Transformer layers.</param>
/// <param name="EmbeddingLength">Width of the hidden state.</param>
/// <param name="HeadCount">Attention heads.</param>
/// <param name="HeadCountKv">Key/value heads (fewer than <paramref name="HeadCount"/> with grouped-query attention).</param>
/// <param name="KeyLength">Width of one key head.</param>
/// <param name="ValueLength">Width of one value head.</param>
/// <param name="VocabularySize">Tokens in the vocabulary.</param>
/// <param name="TrainingContextLength">The context the model was trained for, when the file says.</param>
/// <param name="IsGuess">True when the figures are a guess from the file size, not read from the model.</param>
internal sealed record ModelShape(
    string Architecture,
    int BlockCount,
    int EmbeddingLength,
    int HeadCount,
    int HeadCountKv,
    int KeyLength,
    int ValueLength,
    int VocabularySize,
    int? TrainingContextLength,
    bool IsGuess = false)
{
    /// <summary>Reads the shape from a GGUF header; null when the header lacks the layer count or the width.</summary>
    public static ModelShape? FromGguf(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var architecture = file.Architecture ?? "llama";
        var blocks = Int(file, $"{architecture}.block_count");
        var embedding = Int(file, $"{architecture}.embedding_length");
        if (blocks is not > 0 || embedding is not > 0)
        {
            return null;
        }

        var heads = Int(file, $"{architecture}.attention.head_count") ?? MaxOfArray(file, $"{architecture}.attention.head_count") ?? 1;
        heads = Math.Max(1, heads);
        var headsKv = Int(file, $"{architecture}.attention.head_count_kv") ?? MaxOfArray(file, $"{architecture}.attention.head_count_kv") ?? heads;
        var headWidth = embedding.Value / heads;
        var keyLength = Int(file, $"{architecture}.attention.key_length") ?? headWidth;
        var valueLength = Int(file, $"{architecture}.attention.value_length") ?? headWidth;
        var vocabulary = Int(file, $"{architecture}.vocab_size") ?? file.GetArray("tokenizer.ggml.tokens")?.Count ?? 32_000;
        var context = Int(file, $"{architecture}.context_length");
        return new ModelShape(architecture, blocks.Value, embedding.Value, heads, Math.Max(0, headsKv), keyLength, valueLength, vocabulary, context);
    }

    /// <summary>
    /// A typical shape for a model whose header could not be read, scaled from its parameter count (grouped-query
    /// attention with 128-wide heads, 32 layers, a 128k vocabulary): a rough figure, marked as a guess.
    /// </summary>
    public static ModelShape Guess(long parameterCount)
    {
        var billions = Math.Max(0.1, parameterCount / 1e9);
        var kvHeads = (int)Math.Clamp(Math.Round(billions), 1, 64);
        return new ModelShape("unknown", 32, 4096, 32, kvHeads, 128, 128, 128_000, null, IsGuess: true);
    }

    private static int? Int(GgufFile file, string key) => file.GetInteger(key) is { } value && value is > 0 and <= int.MaxValue ? (int)value : null;

    private static int? MaxOfArray(GgufFile file, string key)
    {
        if (file.GetArray(key) is not { } array)
        {
            return null;
        }

        int? max = null;
        foreach (var item in array.Items)
        {
            if (item is IConvertible value and not string)
            {
                var number = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                if (number is > 0 and <= int.MaxValue && (max is null || number > max))
                {
                    max = (int)number;
                }
            }
        }

        return max;
    }
}
