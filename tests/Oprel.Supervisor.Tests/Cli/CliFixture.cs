using System.Globalization;
using Oprel.Supervisor.Tests.EndToEnd;

namespace Oprel.Supervisor.Tests.Cli;

/// <summary>
/// A free port and an empty model cache for the real `oprel` executable; the first command starts the background
/// server, and disposing stops it with `oprel stop`.
/// </summary>
public sealed class CliFixture : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    public int Port { get; } = OprelProcess.FreePort();

    public string CacheDirectory { get; } = Directory.CreateTempSubdirectory("oprel-cli-test-").FullName;

    public string PortText => Port.ToString(CultureInfo.InvariantCulture);

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["OPREL_CACHE_DIR"] = CacheDirectory,
        ["OPREL_SERVER_PORT"] = PortText,
        ["OPREL_LOG_LEVEL"] = "debug",
    };

    public Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        OprelProcess.RunAsync(arguments, Environment, CommandTimeout);

    public Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string input, params string[] arguments) =>
        OprelProcess.RunAsync(arguments, Environment, CommandTimeout, input);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await RunAsync("stop");
        try
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
