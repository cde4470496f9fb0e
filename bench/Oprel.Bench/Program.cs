using System.Globalization;
using Oprel.Bench;
using Oprel.Models.Tiny;

// Prints markdown tables of prompt-eval and decode speed, time to first token, load time and memory for
// (1) LLamaSharp used directly, (2) Oprel's direct mode, (3) `oprel serve` over HTTP, (4) the server with four
// concurrent streams and (5) LLamaSharp decoding four sequences in one batch, on a generated llama model. Not a test.
// All setups are loaded at once and their runs are interleaved round by round, so that a busy neighbour slows them
// all alike.
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (Exception error) when (error is ArgumentException or FormatException or OverflowException)
{
    await Console.Error.WriteLineAsync(error.Message);
    return 64;
}

if (settings.Child is not null)
{
    return await ChildHost.RunAsync(settings);
}

string modelPath;
string description;
if (settings.Model is null)
{
    var shape = BenchModelShape.Parse(settings.Size);
    modelPath = BenchModelGenerator.EnsureQuantized(shape, settings.ModelsDirectory, settings.Threads);
    description = $"generated {shape.ParameterCount / 1e6:0}M-parameter llama shaped like {shape.LooksLike} (n_embd {shape.EmbeddingLength}, " +
        $"{shape.BlockCount} blocks, n_ff {shape.FeedForwardLength}, {shape.HeadCount} heads / {shape.HeadCountKv} KV, vocabulary {shape.VocabularySize}), Q4_K_M, random weights";
}
else if (settings.Model == TinyModel.Name)
{
    modelPath = await TinyModel.EnsureAsync(settings.ModelsDirectory, CancellationToken.None);
    description = "tiny";
}
else
{
    modelPath = Path.GetFullPath(settings.Model);
    description = Path.GetFileName(modelPath);
}

Console.WriteLine($"model: {description}; {new FileInfo(modelPath).Length / 1024.0 / 1024.0:0.0} MiB");
Console.WriteLine($"servers: {ServerProcess.Describe(settings)}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average before: {LoadAverage()}");

var monitor = new CpuMonitor();
var setups = new List<IBenchSetup>();
try
{
    // The rows of the first instance gather the rounds of every instance (--instances): each instance starts every
    // setup's processes afresh, and a process keeps for its whole life what its start gave it (where its weights and
    // buffers landed in memory), which moved a setup's speed by a few percent from one start to the next.
    var measurements = new List<Measurement>();
    var servers = new List<ServerFigures>();
    var foreign = new List<double>();
    var waited = TimeSpan.Zero;
    for (var instance = 0; instance < settings.Instances; instance++)
    {
        setups = await StartSetupsAsync();
        var current = setups.SelectMany(s => s.Measurements).ToList();
        if (instance == 0)
        {
            measurements = current;
        }
        var firstRound = settings.Runs * instance / settings.Instances;
        var lastRound = settings.Runs * (instance + 1) / settings.Instances;
        for (var round = firstRound; round < lastRound; round++)
        {
            // Every other round runs the setups in reverse order, so none is always the one that runs first (or right
            // after another): whatever a run leaves behind (warm caches, a busier host) falls on each setup alike.
            foreach (var measurement in round % 2 == 0 ? current : Enumerable.Reverse(current))
            {
                for (var attempt = 0; ; attempt++)
                {
                    var variant = (round * 100) + attempt;
                    waited += await monitor.WaitForQuietAsync(settings.MaxForeignCpu / 2, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));
                    if (settings.Prime)
                    {
                        // What ran just before moves a prompt's evaluation by up to 10% (most likely the CPU's caches:
                        // each process has its own repacked weights, KV cache and buffers), so each timed run follows
                        // one of its own setup instead of another's.
                        await measurement.RunAsync(BenchPrompt.PrimerVariant(variant));
                    }

                    var before = monitor.Take();
                    var timing = await measurement.RunAsync(variant);
                    var share = CpuMonitor.ForeignShare(before, monitor.Take());
                    if (share <= settings.MaxForeignCpu || attempt >= settings.MaxRepeats)
                    {
                        measurement.Runs.Add(timing with { ForeignCpu = share });
                        foreign.Add(share);
                        if (settings.FirstTokenRuns > 0 && measurement.FirstTokenRunAsync is { } shortRun)
                        {
                            measurement.FirstTokenRounds.Add(await TimeFirstTokensAsync(timing, variant, shortRun));
                        }

                        break;
                    }

                    measurement.Repeated++;
                }
            }

            var summary = current.Select(m => string.Create(
                CultureInfo.InvariantCulture,
                $"{m.Setup[..3]} {m.Runs[^1].DecodeTokensPerSecond:0.0} tok/s {m.Runs[^1].TimeToFirstTokenMs:0.0} ms{(double.IsNaN(m.Runs[^1].PromptEvalMs) ? "" : $" (prompt eval {m.Runs[^1].PromptEvalMs:0.0} ms)")}"));
            Console.Error.WriteLine($"round {round + 1}/{settings.Runs}: {string.Join(", ", summary)}");
        }

        foreach (var (row, gathered) in current.Zip(measurements))
        {
            row.KeepMemory();
            if (!ReferenceEquals(row, gathered))
            {
                gathered.Absorb(row);
            }
        }

        if (instance == settings.Instances - 1)
        {
            foreach (var setup in setups)
            {
                if (await setup.FiguresAsync() is { } figures)
                {
                    servers.Add(figures);
                }
            }
        }

        await DisposeAsync(setups);
        setups = [];
    }

    var reference = measurements.FirstOrDefault(m => m.Setup.StartsWith("(1)", StringComparison.Ordinal));
    var results = measurements.Select(m => m.Result(reference)).ToList();
    Report.Print(Console.Out, results, servers, settings);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Other processes' CPU while runs were timed: median {Metrics.Median(foreign) * 100:0.0}%, max {foreign.Max() * 100:0.0}% of the machine; " +
        $"{measurements.Sum(m => m.Repeated)} runs repeated for going over {settings.MaxForeignCpu * 100:0}%; {waited.TotalSeconds:0} s spent waiting for a quiet machine. Load average after: {LoadAverage()}."));
    foreach (var measurement in measurements.Where(m => m.Runs.Any(r => r.TextChunks != r.GeneratedTokens || r.DoneReason == "stop")))
    {
        Console.WriteLine($"note: {measurement.Setup}: {string.Join(", ", measurement.Runs.Select(r => $"{r.GeneratedTokens} tokens/{r.TextChunks} texts/{r.DoneReason}"))}");
    }
}
catch (InvalidOperationException error)
{
    // A setup that cannot run or a run that went wrong: say why, without a stack trace, after stopping the others.
    await Console.Error.WriteLineAsync($"error: {error.Message}");
    return 1;
}
finally
{
    await DisposeAsync(setups);
}

return 0;

async Task<List<IBenchSetup>> StartSetupsAsync()
{
    var started = new List<IBenchSetup>();
    try
    {
        if (settings.Includes('1'))
        {
            started.Add(await ChildProcessSetup.StartAsync("1", "(1) LLamaSharp in process (reference)", modelPath, settings, monitor));
        }

        if (settings.Includes('2'))
        {
            started.Add(await ChildProcessSetup.StartAsync("2", "(2) Oprel direct mode (engine in process)", modelPath, settings, monitor));
        }

        if (settings.Includes('3'))
        {
            started.Add(await ServerSetup.StartAsync(modelPath, settings, monitor));
        }

        if (settings.Includes('4'))
        {
            started.Add(await ConcurrentServerSetup.StartAsync(modelPath, settings, monitor));
        }

        if (settings.Includes('5'))
        {
            started.Add(await ChildProcessSetup.StartAsync("5", $"(5) LLamaSharp in process, {BenchSettings.ConcurrentStreams} sequences in one batch (aggregate)", modelPath, settings, monitor));
        }

        return started;
    }
    catch
    {
        await DisposeAsync(started);
        throw;
    }
}

static async Task DisposeAsync(List<IBenchSetup> setups)
{
    foreach (var setup in setups)
    {
        await setup.DisposeAsync();
    }
}

// The first token again, in short runs right after the timed one (each following a run of its own setup, as the timed
// run does): the round's medians over them and the timed run. A short run during which other processes took more than
// their share is left out.
async Task<FirstTokenRound> TimeFirstTokensAsync(RunTiming timed, int variant, Func<int, Task<RunTiming>> shortRun)
{
    var samples = new List<RunTiming> { timed };
    for (var i = 0; i < settings.FirstTokenRuns; i++)
    {
        var before = monitor.Take();
        var timing = await shortRun(BenchPrompt.FirstTokenVariant(variant, i));
        if (CpuMonitor.ForeignShare(before, monitor.Take()) <= settings.MaxForeignCpu)
        {
            samples.Add(timing);
        }
    }

    return FirstTokenRound.Of(samples);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
