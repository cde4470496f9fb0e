using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Oprel.Supervisor.Tests.EndToEnd;

/// <summary>Starts the real `oprel` executable that the build put next to the tests, or another one (a published `oprel`).</summary>
internal static class OprelProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? program = null)
    {
        var directory = AppContext.BaseDirectory;
        var apphost = program ?? Path.Combine(directory, OperatingSystem.IsWindows() ? "oprel.exe" : "oprel");
        var start = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(directory, "oprel.dll") } };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Runs `oprel ARGS` to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string? input = null, string? program = null)
    {
        using var process = Process.Start(StartInfo(arguments, environment, program))!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"oprel {string.Join(' ', arguments)} did not finish within {timeout}. Output: {await output} {await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
