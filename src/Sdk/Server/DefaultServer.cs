namespace Oprel.Server;

/// <summary>
/// The server the static <see cref="Ollama"/> API and server-mode <see cref="Model"/>s use: the one at
/// OPREL_SERVER_HOST/OPREL_SERVER_PORT, started in the background on first use if none answers.
/// </summary>
internal sealed class DefaultServer
{
    private static readonly Lazy<DefaultServer> Shared = new(() => new DefaultServer(Config.Default()));
    private readonly ServerLauncher _launcher;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _running;

    public DefaultServer(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Endpoint = ServerEndpoint.ForClient(config, null, null);
        _launcher = new ServerLauncher(Endpoint, config.CacheDir, ServerProgram.Locate);
    }

    public static DefaultServer Instance => Shared.Value;

    public ServerEndpoint Endpoint { get; }

    /// <summary>Returns once the server answers, starting it first if needed (checked once per process, then trusted).</summary>
    public async Task EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _running))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_running)
            {
                await _launcher.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _running, true);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets that the server was seen, so the next call checks (and starts it) again.</summary>
    public void Invalidate() => Volatile.Write(ref _running, false);
}
