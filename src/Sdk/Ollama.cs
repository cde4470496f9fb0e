using Oprel.Server;

namespace Oprel;

/// <summary>
/// The seed's module-level functions against the default Oprel server (OPREL_SERVER_HOST / OPREL_SERVER_PORT,
/// http://localhost:11434 by default), which is started in the background if none is running.
/// <c>using static Oprel.Ollama;</c> makes calls read like the seed: <c>Chat("tiny", messages)</c>.
/// </summary>
public static class Ollama
{
    private static readonly Lazy<Client> SyncClient = new(() => new Client(DefaultServer.Instance.Endpoint.BaseUri.ToString()));
    private static readonly Lazy<AsyncClient> AsyncClientInstance = new(() => new AsyncClient(DefaultServer.Instance.Endpoint.BaseUri.ToString()));

    /// <summary>Chats with a model: the whole answer.</summary>
    public static ChatResponse Chat(string model, IEnumerable<Message> messages, GenerationOptions? options = null, string? format = null, string? keepAlive = null) =>
        Sync().Chat(model, messages, options, format, keepAlive);

    /// <summary>Chats with a model, one piece at a time.</summary>
    public static IEnumerable<ChatResponse> ChatStream(string model, IEnumerable<Message> messages, GenerationOptions? options = null, string? format = null, string? keepAlive = null) =>
        Sync().ChatStream(model, messages, options, format, keepAlive);

    /// <summary>Completes a prompt: the whole answer.</summary>
    public static GenerateResponse Generate(string model, string prompt, GenerationOptions? options = null, string? system = null, string? format = null, string? keepAlive = null) =>
        Sync().Generate(model, prompt, options, system, format, keepAlive);

    /// <summary>Completes a prompt, one piece at a time.</summary>
    public static IEnumerable<GenerateResponse> GenerateStream(string model, string prompt, GenerationOptions? options = null, string? system = null, string? format = null, string? keepAlive = null) =>
        Sync().GenerateStream(model, prompt, options, system, format, keepAlive);

    /// <summary>The models the server has.</summary>
    public static ListResponse List() => Sync().List();

    /// <summary>How a model is made.</summary>
    public static ShowResponse Show(string model) => Sync().Show(model);

    /// <summary>Creates a model from a Modelfile.</summary>
    public static ProgressResponse Create(string model, string modelfile) => Sync().Create(model, modelfile);

    /// <summary>Downloads a model.</summary>
    public static ProgressResponse Pull(string model) => Sync().Pull(model);

    /// <summary>Deletes a stored model.</summary>
    public static StatusResponse Delete(string model) => Sync().Delete(model);

    /// <summary>Chats with a model: the whole answer.</summary>
    public static async Task<ChatResponse> ChatAsync(
        string model, IEnumerable<Message> messages, GenerationOptions? options = null, string? format = null, string? keepAlive = null, CancellationToken cancellationToken = default) =>
        await (await AsyncAsync(cancellationToken).ConfigureAwait(false)).ChatAsync(model, messages, options, format, keepAlive, cancellationToken).ConfigureAwait(false);

    /// <summary>Chats with a model, one piece at a time.</summary>
    public static async IAsyncEnumerable<ChatResponse> ChatStreamAsync(
        string model, IEnumerable<Message> messages, GenerationOptions? options = null, string? format = null, string? keepAlive = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = await AsyncAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var chunk in client.ChatStreamAsync(model, messages, options, format, keepAlive, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }

    /// <summary>Completes a prompt: the whole answer.</summary>
    public static async Task<GenerateResponse> GenerateAsync(
        string model, string prompt, GenerationOptions? options = null, string? system = null, string? format = null, string? keepAlive = null, CancellationToken cancellationToken = default) =>
        await (await AsyncAsync(cancellationToken).ConfigureAwait(false)).GenerateAsync(model, prompt, options, system, format, keepAlive, cancellationToken).ConfigureAwait(false);

    /// <summary>Completes a prompt, one piece at a time.</summary>
    public static async IAsyncEnumerable<GenerateResponse> GenerateStreamAsync(
        string model, string prompt, GenerationOptions? options = null, string? system = null, string? format = null, string? keepAlive = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = await AsyncAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var chunk in client.GenerateStreamAsync(model, prompt, options, system, format, keepAlive, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }

    /// <summary>The models the server has.</summary>
    public static async Task<ListResponse> ListAsync(CancellationToken cancellationToken = default) =>
        await (await AsyncAsync(cancellationToken).ConfigureAwait(false)).ListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>How a model is made.</summary>
    public static async Task<ShowResponse> ShowAsync(string model, CancellationToken cancellationToken = default) =>
        await (await AsyncAsync(cancellationToken).ConfigureAwait(false)).ShowAsync(model, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates a model from a Modelfile.</summary>
    public static async Task<ProgressResponse> CreateAsync(string model, string modelfile, CancellationToken cancellationToken = default) =>
        await (await AsyncAsync(cancellationToken).ConfigureAwait(false)).CreateAsync(model, modelfile, cancellationToken).ConfigureAwait(false);

    /// <summary>Downloads a model.</summary>
    public static async Task<ProgressResponse> PullAsync(string model, CancellationToken cancellationToken = default) =>
        await (await AsyncAsync(cancellationToken).ConfigureAwait(false)).PullAsync(model, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes a stored model.</summary>
    public static async Task<StatusResponse> DeleteAsync(string model, CancellationToken cancellationToken = default) =>
        await (await AsyncAsync(cancellationToken).ConfigureAwait(false)).DeleteAsync(model, cancellationToken).ConfigureAwait(false);

    // The synchronous API blocks until the server answers; the launcher only awaits I/O and timers, never a
    // captured context, so blocking on it cannot deadlock.
    private static Client Sync()
    {
        DefaultServer.Instance.EnsureRunningAsync(CancellationToken.None).GetAwaiter().GetResult();
        return SyncClient.Value;
    }

    private static async Task<AsyncClient> AsyncAsync(CancellationToken cancellationToken)
    {
        await DefaultServer.Instance.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        return AsyncClientInstance.Value;
    }
}
