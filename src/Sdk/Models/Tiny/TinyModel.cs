using Oprel.Gguf;

namespace Oprel.Models.Tiny;

/// <summary>
/// The built-in model <c>tiny</c>: a one-block llama-architecture GGUF (under 5 MB) that Oprel writes itself, so that
/// <c>oprel run tiny</c> works without a network. It is a word bigram model of <see cref="TinyStory"/> with a whole-word
/// SentencePiece vocabulary and the ChatML template; the file is the same, byte for byte, on every build.
/// </summary>
internal static class TinyModel
{
    public const string Name = "tiny";

    /// <summary>The file name <see cref="EnsureAsync"/> writes.</summary>
    public const string FileName = "tiny.gguf";

    /// <summary>The size in bytes of the file <see cref="CreateWriter"/> writes.</summary>
    public const long FileSize = 4_051_776;

    /// <summary>The lowercase hex SHA-256 of the file <see cref="CreateWriter"/> writes.</summary>
    public const string Sha256 = "fd7711794350b6a73ce6b491483cd4a996e54f2c91a928b191a1687e11b17f4d";

    /// <summary>ChatML, the chat format of <c>&lt;|im_start|&gt;</c> and <c>&lt;|im_end|&gt;</c>.</summary>
    public const string ChatTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
        + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private const string Description =
        "A tiny word bigram model of a short story about a fox, written by Oprel itself so that it runs without a download.";

    /// <summary>Builds the whole model: metadata, vocabulary and weights.</summary>
    public static GgufWriter CreateWriter()
    {
        var corpus = TinyCorpus.Story;
        var vocabulary = TinyVocabulary.Create(corpus);
        var bigrams = TinyBigramTable.Create(corpus, vocabulary);
        var writer = new GgufWriter()
            .Add("general.architecture", "llama")
            .Add("general.name", Name)
            .Add("general.description", Description)
            .Add("general.file_type", 1u)
            .Add("llama.vocab_size", (uint)vocabulary.Count)
            .Add("llama.context_length", (uint)TinyHyperparameters.ContextLength)
            .Add("llama.embedding_length", (uint)TinyHyperparameters.EmbeddingLength)
            .Add("llama.block_count", (uint)TinyHyperparameters.BlockCount)
            .Add("llama.feed_forward_length", (uint)TinyHyperparameters.FeedForwardLength)
            .Add("llama.rope.dimension_count", (uint)TinyHyperparameters.HeadDimension)
            .Add("llama.rope.freq_base", TinyHyperparameters.RopeFrequencyBase)
            .Add("llama.attention.head_count", (uint)TinyHyperparameters.HeadCount)
            .Add("llama.attention.head_count_kv", (uint)TinyHyperparameters.HeadCountKv)
            .Add("llama.attention.layer_norm_rms_epsilon", TinyHyperparameters.RmsNormEpsilon)
            .Add("tokenizer.ggml.model", "llama")
            .Add("tokenizer.ggml.tokens", vocabulary.Tokens)
            .Add("tokenizer.ggml.scores", vocabulary.Scores)
            .Add("tokenizer.ggml.token_type", vocabulary.TypeCodes)
            .Add("tokenizer.ggml.bos_token_id", (uint)TinyVocabulary.BeginOfSequenceId)
            .Add("tokenizer.ggml.eos_token_id", (uint)TinyVocabulary.ImEndId)
            .Add("tokenizer.ggml.eot_token_id", (uint)TinyVocabulary.ImEndId)
            .Add("tokenizer.ggml.unknown_token_id", (uint)TinyVocabulary.UnknownId)
            .Add("tokenizer.ggml.padding_token_id", (uint)TinyVocabulary.EndOfSequenceId)
            .Add("tokenizer.ggml.add_bos_token", true)
            .Add("tokenizer.ggml.add_eos_token", false)
            .Add("tokenizer.ggml.add_space_prefix", true)
            .Add("tokenizer.chat_template", ChatTemplate);

        foreach (var tensor in TinyWeights.Create(vocabulary, bigrams))
        {
            writer.AddTensor(tensor.Name, tensor.Dimensions, tensor.Type, tensor.Data);
        }

        return writer;
    }

    /// <summary>
    /// Writes <c>&lt;directory&gt;/tiny.gguf</c> unless a file of the right size is already there, and returns its full
    /// path. The write is atomic (a temporary file renamed into place), so processes racing here all end up with the
    /// same complete file.
    /// </summary>
    public static async Task<string> EnsureAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var path = Path.GetFullPath(Path.Combine(directory, FileName));
        if (HasExpectedSize(path))
        {
            return path;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var writer = CreateWriter();
        try
        {
            await writer.WriteToAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when ((exception is IOException or UnauthorizedAccessException) && HasExpectedSize(path))
        {
            // Another process won the race (on Windows the rename fails while that file is open); its bytes are ours.
        }

        return path;
    }

    private static bool HasExpectedSize(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && file.Length == FileSize;
    }
}
