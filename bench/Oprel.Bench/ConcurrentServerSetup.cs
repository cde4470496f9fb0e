namespace Oprel.Bench;

/// <summary>
/// Setup (4): a real <c>oprel serve</c> with OPREL_NUM_PARALLEL=4, measured three ways: four concurrent streams
/// (aggregate decode speed), a lone request, and a request that joins a batch of three streams that are already
/// generating (its time to first token against the lone request's).
/// </summary>
internal sealed class ConcurrentServerSetup : IBenchSetup
{
    private const int Streams = BenchSettings.ConcurrentStreams;

    /// <summary>Tokens each background stream must have produced before the joining request is sent.</summary>
    private const int MidGenerationTokens = 8;

    private readonly ServerProcess _server;
    private readonly string _model;
    private readonly BenchSettings _settings;
    private readonly double _coldLoadMs;
    private readonly int _workerPid;

    private ConcurrentServerSetup(ServerProcess server, double coldLoadMs, int workerPid, string model, BenchSettings settings)
    {
        _server = server;
        _coldLoadMs = coldLoadMs;
        _workerPid = workerPid;
        _model = model;
        _settings = settings;
        Measurements =
        [
            new Measurement($"(4) Oprel server, {Streams} concurrent streams (aggregate)", coldLoadMs, ConcurrentAsync, server.MemoryText),
            new Measurement("(4) same server, a lone request", coldLoadMs, v => LoneAsync(v, settings.Tokens), server.MemoryText)
            {
                FirstTokenRunAsync = v => LoneAsync(v, BenchSettings.FirstTokenAnswerTokens),
            },
            new Measurement($"(4) same server, a request joining {Streams - 1} generating streams", coldLoadMs, JoinAsync, server.MemoryText),
        ];
    }

    public IReadOnlyList<Measurement> Measurements { get; }

    public static async Task<IBenchSetup> StartAsync(string model, BenchSettings settings, CpuMonitor monitor)
    {
        var server = await ServerProcess.StartAsync(parallel: Streams, settings);
        try
        {
            monitor.Track(server.ProcessId);
            var coldLoadMs = await server.LoadAsync(model, settings);
            var workerPid = await server.WorkerProcessIdAsync();
            monitor.Track(workerPid);
            var setup = new ConcurrentServerSetup(server, coldLoadMs, workerPid, model, settings);
            await server.WarmUpAsync(model, settings);
            for (var i = 0; i < BenchSettings.WarmUps; i++)
            {
                await setup.ConcurrentAsync(20_000 + i);
                await setup.JoinAsync(20_100 + i);
            }
            return setup;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<ServerFigures?> FiguresAsync() => await _server.FiguresAsync(
        "(4) server, OPREL_NUM_PARALLEL=4", _coldLoadMs, _workerPid, Measurements.SelectMany(m => m.Runs).Max(r => r.LoadDurationMs), _model, _settings);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task<RunTiming> LoneAsync(int variant, int tokens) =>
        OllamaStream.GenerateAsync(_server.BaseAddress, _model, BenchPrompt.For(variant, _settings.PromptTokens), _settings, tokens, null, CancellationToken.None);

    /// <summary>Four streams sent at once; the result sums their tokens over the window from the earliest first text to the latest last text.</summary>
    private async Task<RunTiming> ConcurrentAsync(int variant)
    {
        var timings = await Task.WhenAll(Enumerable.Range(0, Streams).Select(i => LoneAsync(BenchPrompt.StreamVariant(variant, i), _settings.Tokens)));
        return RunTiming.Group(timings) with { LoadDurationMs = timings.Max(t => t.LoadDurationMs) };
    }

    /// <summary>Starts three long streams, waits until each is generating, then times one more request; the three are then cancelled.</summary>
    private async Task<RunTiming> JoinAsync(int variant)
    {
        using var cancel = new CancellationTokenSource();
        var generating = new List<Task>();
        var background = new List<Task<RunTiming>>();
        for (var i = 0; i < Streams - 1; i++)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            generating.Add(reached.Task);
            background.Add(OllamaStream.GenerateAsync(
                _server.BaseAddress,
                _model,
                BenchPrompt.For((variant * Streams) + i + 2_000_000, _settings.PromptTokens),
                _settings,
                _settings.ContextSize - _settings.PromptTokens - 1,
                chunks =>
                {
                    if (chunks >= MidGenerationTokens)
                    {
                        reached.TrySetResult();
                    }
                },
                cancel.Token));
        }

        try
        {
            var all = Task.WhenAll(generating);
            if (await Task.WhenAny(all, Task.WhenAny(background)) != all)
            {
                string how;
                try
                {
                    var ended = await background.First(t => t.IsCompleted);
                    how = $"after {ended.TextChunks} pieces of text (done_reason {ended.DoneReason ?? "none"})";
                }
                catch (Exception error) when (error is InvalidOperationException or HttpRequestException or IOException)
                {
                    how = $"with an error ({error.Message})";
                }

                throw new InvalidOperationException(
                    $"A background stream of setup (4)'s joining request ended {how} before all {Streams - 1} were generating ({MidGenerationTokens} pieces each). " +
                    "The joining request needs answers that go on; this model ends its answers sooner (the built-in tiny model does): leave (4) out with --setups 1235.");
            }

            return await LoneAsync(variant + 3_000_000, _settings.JoinTokens);
        }
        finally
        {
            await cancel.CancelAsync();
            foreach (var task in background)
            {
                try
                {
                    await task;
                }
                catch (Exception error) when (error is OperationCanceledException or HttpRequestException or IOException)
                {
                }
            }

            // Let the worker see the cancellations and free the slots before the next step.
            await Task.Delay(300);
        }
    }
}
