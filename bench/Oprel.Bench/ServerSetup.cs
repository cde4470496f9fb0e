namespace Oprel.Bench;

/// <summary>
/// Setup (3): a real <c>oprel serve</c> (OPREL_NUM_PARALLEL=1) and one HTTP client streaming /api/generate, one
/// request at a time. The model is loaded first with an empty prompt (timed: the cold start), so timed requests are warm.
/// </summary>
internal sealed class ServerSetup : IBenchSetup
{
    private readonly ServerProcess _server;
    private readonly double _coldLoadMs;
    private readonly int _workerPid;
    private readonly string _model;
    private readonly BenchSettings _settings;

    private ServerSetup(ServerProcess server, double coldLoadMs, int workerPid, string model, BenchSettings settings)
    {
        _server = server;
        _model = model;
        _settings = settings;
        _coldLoadMs = coldLoadMs;
        _workerPid = workerPid;
        Measurements =
        [
            new Measurement("(3) Oprel server, HTTP, 1 stream", coldLoadMs, v => GenerateAsync(v, settings.Tokens), server.MemoryText)
            {
                FirstTokenRunAsync = v => GenerateAsync(v, BenchSettings.FirstTokenAnswerTokens),
            },
        ];
    }

    public IReadOnlyList<Measurement> Measurements { get; }

    public static async Task<IBenchSetup> StartAsync(string model, BenchSettings settings, CpuMonitor monitor)
    {
        var server = await ServerProcess.StartAsync(parallel: 1, settings);
        try
        {
            monitor.Track(server.ProcessId);
            var coldLoadMs = await server.LoadAsync(model, settings);
            var workerPid = await server.WorkerProcessIdAsync();
            monitor.Track(workerPid);
            await server.WarmUpAsync(model, settings);
            for (var i = 0; i < BenchSettings.WarmUps; i++)
            {
                await OllamaStream.GenerateAsync(server.BaseAddress, model, BenchPrompt.WarmUp(3 + i, settings.PromptTokens), settings, settings.Tokens, null, CancellationToken.None);
            }
            return new ServerSetup(server, coldLoadMs, workerPid, model, settings);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<ServerFigures?> FiguresAsync() => await _server.FiguresAsync(
        "(3) server, OPREL_NUM_PARALLEL=1", _coldLoadMs, _workerPid, Measurements[0].Runs.Max(r => r.LoadDurationMs), _model, _settings);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task<RunTiming> GenerateAsync(int variant, int tokens) =>
        OllamaStream.GenerateAsync(_server.BaseAddress, _model, BenchPrompt.For(variant, _settings.PromptTokens), _settings, tokens, null, CancellationToken.None);
}
