using System.Runtime.CompilerServices;
using System.Text;
using Oprel.Models;
using Oprel.Models.Backends;
using Oprel.Rpc;
using Oprel.Server;

namespace Oprel;

/// <summary>
/// A language model to generate text with. In server mode (the default) it runs in a worker of the local Oprel
/// server, which is started in the background if needed, and no <see cref="Load"/> is required. In direct mode
/// (<c>useServer: false</c>) it is loaded in this process by <see cref="Load"/> and freed by <see cref="Unload"/>.
/// </summary>
/// <example>
/// <code>
/// using var model = new Model("tiny");
/// Console.WriteLine(model.Generate("Why is the sky blue?"));
/// </code>
/// </example>
public sealed class Model : IDisposable, IAsyncDisposable
{
    private static readonly string[] Quantizations =
        ["Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_0", "Q4_1", "Q4_K_S", "Q4_K_M", "Q5_0", "Q5_1", "Q5_K_S", "Q5_K_M", "Q6_K", "Q8_0", "F16", "BF16", "F32",
         "IQ2_XXS", "IQ2_XS", "IQ2_S", "IQ2_M", "IQ3_XXS", "IQ3_XS", "IQ3_S", "IQ3_M", "IQ4_XS", "IQ4_NL"];

    private readonly IModelBackend _backend;
    private readonly ConversationStore _conversations = new();
    private int _disposed;

    /// <summary>Creates a model; nothing is loaded or downloaded until it is used (or <see cref="Load"/>ed).</summary>
    /// <param name="modelIdentifier">An alias ("tiny", "qwencoder"), a HuggingFace repository ("Qwen/Qwen2.5-Coder-7B-Instruct-GGUF", "hf.co/…"), optionally with ":QUANT", or a .gguf path.</param>
    /// <param name="quantization">"Q4_K_M", "Q8_0", …; chosen to fit the machine when null.</param>
    /// <param name="maxMemoryMb">Refuse the model when it needs more memory than this.</param>
    /// <param name="backend">The engine; only "llama.cpp".</param>
    /// <param name="useServer">True: run in the Oprel server's worker (shared, kept loaded). False: run in this process.</param>
    /// <param name="config">Settings; <see cref="Config.Default"/> when null.</param>
    /// <exception cref="ValidationException">An argument is invalid.</exception>
    public Model(string modelIdentifier, string? quantization = null, int? maxMemoryMb = null, string backend = "llama.cpp", bool useServer = true, Config? config = null)
    {
        if (string.IsNullOrWhiteSpace(modelIdentifier))
        {
            throw new ValidationException("A model identifier is required, e.g. \"tiny\" or \"qwencoder\".");
        }

        if (!string.Equals(backend, "llama.cpp", StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationException($"Backend '{backend}' is not supported; Oprel runs models with \"llama.cpp\".");
        }

        if (quantization is not null && !Quantizations.Contains(quantization.ToUpperInvariant()))
        {
            throw new ValidationException($"Quantization '{quantization}' is unknown; use one of {string.Join(", ", Quantizations[..14])}.");
        }

        if (maxMemoryMb is <= 0)
        {
            throw new ValidationException($"maxMemoryMb must be positive, not {maxMemoryMb}.");
        }

        ModelIdentifier = modelIdentifier.Trim();
        Quantization = quantization?.ToUpperInvariant();
        MaxMemoryMb = maxMemoryMb;
        Backend = backend;
        UseServer = useServer;
        Config = config ?? Config.Default();
        Config.Validate();
        var identifier = WithQuantization(ModelIdentifier, Quantization);
        _backend = useServer
            ? new ServerModelBackend(identifier, maxMemoryMb, config is null ? DefaultServer.Instance : new DefaultServer(Config))
            : new DirectModelBackend(identifier, maxMemoryMb, Config);
    }

    /// <summary>The identifier the model was created with.</summary>
    public string ModelIdentifier { get; }

    /// <summary>The quantization asked for, or null for automatic.</summary>
    public string? Quantization { get; }

    /// <summary>The memory limit in MiB, or null.</summary>
    public int? MaxMemoryMb { get; }

    /// <summary>The engine, "llama.cpp".</summary>
    public string Backend { get; }

    /// <summary>True in server mode, false in direct mode.</summary>
    public bool UseServer { get; }

    /// <summary>The settings in use.</summary>
    public Config Config { get; }

    /// <summary>True once the model is loaded (in direct mode after <see cref="Load"/>; in server mode after a successful call).</summary>
    public bool IsLoaded => _backend.IsLoaded;

    /// <summary>Loads the model: required in direct mode; in server mode it preloads it in the server.</summary>
    /// <exception cref="ModelNotFoundException">The model cannot be found.</exception>
    /// <exception cref="MemoryLimitException">It does not fit the memory limit.</exception>
    /// <exception cref="BackendException">llama.cpp could not load it.</exception>
    public void Load() => LoadAsync().GetAwaiter().GetResult();

    /// <inheritdoc cref="Load"/>
    public Task LoadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _backend.LoadAsync(cancellationToken);
    }

    /// <summary>Frees the model: in direct mode its memory; in server mode the server unloads it now.</summary>
    public void Unload() => UnloadAsync().GetAwaiter().GetResult();

    /// <inheritdoc cref="Unload"/>
    public Task UnloadAsync(CancellationToken cancellationToken = default) => _backend.UnloadAsync(cancellationToken);

    /// <summary>Generates an answer to <paramref name="prompt"/> and returns it whole.</summary>
    /// <param name="prompt">The user's message.</param>
    /// <param name="maxTokens">Most tokens to generate (at least 1).</param>
    /// <param name="temperature">0–2; 0 always picks the likeliest token.</param>
    /// <param name="topP">Nucleus sampling threshold, 0–1.</param>
    /// <param name="topK">Sample among the K likeliest tokens (0 for all).</param>
    /// <param name="conversationId">Keeps a history under this id, so later turns see earlier ones.</param>
    /// <param name="systemPrompt">The system prompt (of the conversation, when one is named).</param>
    /// <param name="resetConversation">Forget the conversation's history before this turn.</param>
    /// <exception cref="ValidationException">An argument is out of range.</exception>
    public string Generate(
        string prompt, int maxTokens = 512, float temperature = 0.7f, float topP = 0.9f, int topK = 40,
        string? conversationId = null, string? systemPrompt = null, bool resetConversation = false)
    {
        var builder = new StringBuilder();
        foreach (var piece in GenerateStream(prompt, maxTokens, temperature, topP, topK, conversationId, systemPrompt, resetConversation))
        {
            builder.Append(piece);
        }

        return builder.ToString();
    }

    /// <summary>Generates an answer to <paramref name="prompt"/>, yielding it piece by piece as it is produced.</summary>
    /// <inheritdoc cref="Generate" path="/param"/>
    public IEnumerable<string> GenerateStream(
        string prompt, int maxTokens = 512, float temperature = 0.7f, float topP = 0.9f, int topK = 40,
        string? conversationId = null, string? systemPrompt = null, bool resetConversation = false)
    {
        // Checked here, not on the first MoveNext, so bad arguments fail at the call.
        var turn = BeginTurn(prompt, maxTokens, temperature, topP, topK, conversationId, systemPrompt, resetConversation);
        return StreamTurnAsync(turn, CancellationToken.None).ToBlockingEnumerable();
    }

    /// <summary>Generates an answer to <paramref name="prompt"/> and returns it whole.</summary>
    /// <inheritdoc cref="Generate" path="/param"/>
    public async Task<string> GenerateAsync(
        string prompt, int maxTokens = 512, float temperature = 0.7f, float topP = 0.9f, int topK = 40,
        string? conversationId = null, string? systemPrompt = null, bool resetConversation = false, CancellationToken cancellationToken = default)
    {
        var turn = BeginTurn(prompt, maxTokens, temperature, topP, topK, conversationId, systemPrompt, resetConversation);
        var builder = new StringBuilder();
        await foreach (var piece in StreamTurnAsync(turn, cancellationToken).ConfigureAwait(false))
        {
            builder.Append(piece);
        }

        return builder.ToString();
    }

    /// <summary>Generates an answer to <paramref name="prompt"/>, yielding it piece by piece; cancelling stops the generation.</summary>
    /// <inheritdoc cref="Generate" path="/param"/>
    public IAsyncEnumerable<string> GenerateStreamAsync(
        string prompt, int maxTokens = 512, float temperature = 0.7f, float topP = 0.9f, int topK = 40,
        string? conversationId = null, string? systemPrompt = null, bool resetConversation = false, CancellationToken cancellationToken = default)
    {
        var turn = BeginTurn(prompt, maxTokens, temperature, topP, topK, conversationId, systemPrompt, resetConversation);
        return StreamTurnAsync(turn, cancellationToken);
    }

    /// <summary>The messages of a conversation so far (empty when unknown).</summary>
    public IReadOnlyList<Message> GetConversation(string conversationId) => _conversations.History(conversationId);

    /// <summary>Frees the model (direct mode) and the connection to the server.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? _backend.DisposeAsync() : ValueTask.CompletedTask;

    private Turn BeginTurn(
        string prompt, int maxTokens, float temperature, float topP, int topK, string? conversationId, string? systemPrompt, bool resetConversation)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentNullException.ThrowIfNull(prompt);
        Check(maxTokens >= 1, $"maxTokens must be at least 1, not {maxTokens}.");
        Check(temperature is >= 0 and <= 2, $"temperature must be between 0 and 2, not {temperature}.");
        Check(topP is >= 0 and <= 1, $"topP must be between 0 and 1, not {topP}.");
        Check(topK >= 0, $"topK must not be negative, not {topK}.");
        Check(conversationId is null || conversationId.Length > 0, "conversationId must not be empty.");
        var messages = _conversations.Begin(conversationId, systemPrompt, resetConversation, prompt);
        var sampling = new SamplingOptions { NumPredict = maxTokens, Temperature = temperature, TopP = topP, TopK = topK };
        return new Turn(conversationId, messages, sampling);
    }

    private async IAsyncEnumerable<string> StreamTurnAsync(Turn turn, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answer = new StringBuilder();
        await foreach (var piece in _backend.ChatAsync(turn.Messages, turn.Sampling, cancellationToken).ConfigureAwait(false))
        {
            answer.Append(piece);
            yield return piece;
        }

        _conversations.Complete(turn.ConversationId, turn.Messages, answer.ToString());
    }

    private static string WithQuantization(string identifier, string? quantization)
    {
        if (quantization is null || ModelName.IsLocalFile(identifier))
        {
            return identifier;
        }

        var lastSlash = identifier.LastIndexOf('/');
        return identifier.IndexOf(':', lastSlash + 1) >= 0 ? identifier : $"{identifier}:{quantization}";
    }

    private static void Check(bool valid, string message)
    {
        if (!valid)
        {
            throw new ValidationException(message);
        }
    }

    private sealed record Turn(string? ConversationId, IReadOnlyList<Message> Messages, SamplingOptions Sampling);
}
