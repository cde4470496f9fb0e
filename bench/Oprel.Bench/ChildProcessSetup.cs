using System.Diagnostics;
using System.Globalization;

namespace Oprel.Bench;

/// <summary>Setup (1), (2) or (5) in a child process of its own (<see cref="ChildHost"/>), driven over its stdin and stdout.</summary>
internal sealed class ChildProcessSetup : IBenchSetup
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private ChildProcessSetup(Process process, string setup, string name, double loadMs, BenchSettings settings)
    {
        _process = process;
        Measurements =
        [
            new Measurement(name, loadMs, v => RunAsync(v, settings.Tokens), () => $"RSS {Metrics.ResidentMiB(process.Id):0} MiB")
            {
                // (5) reads four prompts at once: it has no lone first token to time.
                FirstTokenRunAsync = setup == "5" ? null : v => RunAsync(v, BenchSettings.FirstTokenAnswerTokens),
            },
        ];
    }

    public IReadOnlyList<Measurement> Measurements { get; }

    public static async Task<IBenchSetup> StartAsync(string setup, string name, string modelPath, BenchSettings settings, CpuMonitor monitor)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Oprel.Bench.exe" : "Oprel.Bench");
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Oprel.Bench.dll") } };
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        foreach (var argument in settings.ChildArguments(setup, modelPath))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start a benchmark child process.");
        monitor.Track(process.Id);
        var ready = await process.StandardOutput.ReadLineAsync();
        if (ready is null || !ready.StartsWith("ready ", StringComparison.Ordinal))
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"Setup ({setup}) failed to start: {ready}");
        }

        return new ChildProcessSetup(process, setup, name, double.Parse(ready.AsSpan("ready ".Length), CultureInfo.InvariantCulture), settings);
    }

    public Task<ServerFigures?> FiguresAsync() => Task.FromResult<ServerFigures?>(null);

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _gate.Dispose();
    }

    private async Task<RunTiming> RunAsync(int variant, int tokens)
    {
        await _gate.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"run {variant} {tokens}"));
            await _process.StandardInput.FlushAsync();
            var line = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The child process ended.");
            return ChildHost.ParseTiming(line);
        }
        finally
        {
            _gate.Release();
        }
    }
}
