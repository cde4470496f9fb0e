using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;

namespace Oprel.Supervisor.Tests.EndToEnd;

/// <summary>A real `oprel serve` on a free loopback port with an empty model cache, for one test class.</summary>
public sealed class ServerFixture : IAsyncLifetime, IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly IReadOnlyDictionary<string, string> _extraEnvironment;
    private readonly string? _program;
    private readonly string? _workingDirectory;
    private Process? _server;

    public ServerFixture()
        : this(new Dictionary<string, string>(), null, null)
    {
    }

    /// <summary>A server with more OPREL_* settings, another `oprel` program or another working directory, for tests that start their own.</summary>
    private ServerFixture(IReadOnlyDictionary<string, string> extraEnvironment, string? program, string? workingDirectory)
    {
        _extraEnvironment = extraEnvironment;
        _program = program;
        _workingDirectory = workingDirectory;
    }

    public int Port { get; } = OprelProcess.FreePort();

    public string CacheDirectory { get; } = Directory.CreateTempSubdirectory("oprel-test-").FullName;

    public HttpClient Http { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var environment = new Dictionary<string, string>
            {
                ["OPREL_CACHE_DIR"] = CacheDirectory,
                ["OPREL_SERVER_HOST"] = "127.0.0.1",
                ["OPREL_SERVER_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["OPREL_LOG_LEVEL"] = "debug",
            };
            foreach (var (key, value) in _extraEnvironment)
            {
                environment[key] = value;
            }

            return environment;
        }
    }

    /// <summary>
    /// Starts a server with extra settings (and the `oprel` at <paramref name="program"/>, in
    /// <paramref name="workingDirectory"/>, if given); the caller disposes it.
    /// </summary>
    public static async Task<ServerFixture> StartAsync(IReadOnlyDictionary<string, string> extraEnvironment, string? program = null, string? workingDirectory = null)
    {
        var server = new ServerFixture(extraEnvironment, program, workingDirectory);
        await server.InitializeAsync();
        return server;
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromMinutes(2) };
        var start = OprelProcess.StartInfo(["serve", "--host", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], Environment, _program);
        start.WorkingDirectory = _workingDirectory ?? start.WorkingDirectory;
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, e) => Append(e.Data);
        _server.ErrorDataReceived += (_, e) => Append(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"oprel serve exited with {_server.ExitCode}: {Log}");
            }

            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                var version = await Http.GetFromJsonAsync<Dictionary<string, string>>("/api/version", probe.Token);
                if (version?.ContainsKey("version") == true)
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or OperationCanceledException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"oprel serve did not answer within 60 s: {Log}");
    }

    public int ServerProcessId => _server!.Id;

    public bool ServerHasExited => _server!.HasExited;

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        try
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
