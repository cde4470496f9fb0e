using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Oprel.Bench;

/// <summary>A real <c>oprel serve</c> child process on a free loopback port, with its own empty cache folder.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _cache;
    private readonly ConcurrentQueue<string> _output = new();
    private int? _workerPid;

    private ServerProcess(Process process, string cache, int port)
    {
        _process = process;
        _cache = cache;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromMinutes(10),
        };
    }

    public HttpClient Http { get; }

    public Uri BaseAddress => Http.BaseAddress!;

    public int ProcessId => _process.Id;

    /// <summary>The `oprel` program of the server setups, as the report names it.</summary>
    public static string Describe(BenchSettings settings) => settings.Oprel is { } path
        ? $"{path} (published)"
        : $"{Path.Combine(AppContext.BaseDirectory, "oprel")} (the build beside the benchmark, JIT-compiled)";

    public static async Task<ServerProcess> StartAsync(int parallel, BenchSettings settings)
    {
        var port = FreePort();
        var cache = Directory.CreateTempSubdirectory("oprel-bench-").FullName;
        var apphost = settings.Oprel ?? Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "oprel.exe" : "oprel");
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "oprel.dll") } };
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var argument in new[] { "serve", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OPREL_CACHE_DIR"] = cache;
        start.Environment["OPREL_LOG_LEVEL"] = "info";
        start.Environment["OPREL_KEEP_ALIVE"] = "60m";
        start.Environment["OPREL_NUM_PARALLEL"] = parallel.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start oprel serve.");
        var server = new ServerProcess(process, cache, port);
        process.OutputDataReceived += (_, e) => server.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => server.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilUpAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// Sends <see cref="BenchSettings.ServerWarmUpRequests"/> short generations: a server that has been up a while has
    /// compiled its per-request code at the JIT's top tier; a fresh one does that over its first few dozen requests.
    /// </summary>
    public async Task WarmUpAsync(string model, BenchSettings settings)
    {
        for (var i = 0; i < BenchSettings.ServerWarmUpRequests; i++)
        {
            await OllamaStream.GenerateAsync(BaseAddress, model, BenchPrompt.WarmUp(100 + i, 8), settings, 4, null, CancellationToken.None);
        }
    }

    /// <summary>Loads the model with an empty prompt (Ollama's load request) and returns how long the answer took, in ms.</summary>
    public async Task<double> LoadAsync(string model, BenchSettings settings)
    {
        var body = $$"""{"model":{{JsonSerializer.Serialize(model)}},"stream":false,"options":{{OllamaStream.Options(settings)}}}""";
        var started = Stopwatch.GetTimestamp();
        using var response = await Http.PostAsync(new Uri("/api/generate", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode || !text.Contains("\"load\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The load request failed: {(int)response.StatusCode} {text}\n{string.Join('\n', _output)}");
        }

        return elapsed;
    }

    /// <summary>
    /// What the supervisor logged when the worker loaded, in ms: the load inside the worker (LlamaEngine.Load), and
    /// the time from starting the worker process until it was ready (loaded), the counterpart of llama-server's
    /// spawn-to-healthy.
    /// </summary>
    public (double Load, double StartToReady) WorkerLoadTimes()
    {
        foreach (var line in _output.Reverse())
        {
            if (LoadedLine().Match(line) is { Success: true } match)
            {
                return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
            }
        }

        return (double.NaN, double.NaN);
    }

    public async Task<int> WorkerProcessIdAsync()
    {
        using var ps = JsonDocument.Parse(await Http.GetStringAsync(new Uri("/api/ps", UriKind.Relative)));
        var pid = ps.RootElement.GetProperty("models")[0].GetProperty("pid").GetInt32();
        _workerPid ??= pid;
        return pid;
    }

    /// <summary>Resident memory of the supervisor and its worker now, for the table.</summary>
    public string MemoryText()
    {
        var worker = _workerPid is { } pid ? Metrics.ResidentMiB(pid) : double.NaN;
        return $"supervisor {Metrics.ResidentMiB(ProcessId):0} MiB, worker {worker:0} MiB";
    }

    /// <summary>How many times <see cref="FiguresAsync"/> restarts the worker.</summary>
    public const int Restarts = 3;

    /// <summary>
    /// The server's figures: memory now (with the model loaded), the first load's times, then the median time from
    /// starting a worker to ready over <see cref="Restarts"/> unloads and reloads of the model, as a running server
    /// starts workers (its code warm, the model file in the page cache).
    /// </summary>
    public async Task<ServerFigures> FiguresAsync(string setup, double coldLoadMs, int workerPid, double warmLoadDurationMaxMs, string model, BenchSettings settings)
    {
        var supervisorRss = Metrics.ResidentMiB(ProcessId);
        var workerRss = Metrics.ResidentMiB(workerPid);
        var (load, startToReady) = WorkerLoadTimes();
        // Every model load the server made so far, less the cold one: the timed requests must have made none.
        var loadsAfterTheFirst = LoadedLines() - 1;
        var restarts = new List<double>();
        for (var i = 0; i < Restarts; i++)
        {
            await UnloadAsync(model);
            await Task.Delay(500);
            var before = LoadedLines();
            await LoadAsync(model, settings);
            for (var wait = 0; LoadedLines() == before && wait < 50; wait++)
            {
                // The log line comes on the server's output, a moment after the answer.
                await Task.Delay(20);
            }

            restarts.Add(WorkerLoadTimes().StartToReady);
        }

        return new(setup, supervisorRss, workerRss, coldLoadMs, load, startToReady, Metrics.Median(restarts), warmLoadDurationMaxMs, loadsAfterTheFirst);
    }

    private int LoadedLines() => _output.Count(line => LoadedLine().IsMatch(line));

    private async Task UnloadAsync(string model)
    {
        var body = $$"""{"model":{{JsonSerializer.Serialize(model)}},"keep_alive":0,"stream":false}""";
        using var response = await Http.PostAsync(new Uri("/api/generate", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_cache, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Capture(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilUpAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"oprel serve exited with code {_process.ExitCode}:\n{string.Join('\n', _output)}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/api/version", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("oprel serve did not come up.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"in worker \d+ \((\d+) ms; (\d+) ms from starting the process to ready\)")]
    private static partial Regex LoadedLine();
}
