using System.Diagnostics;

namespace Oprel.Supervisor.Tests.EndToEnd;

/// <summary>
/// `oprel` as `dotnet publish` makes it (a native program, the worker a .NET program of its own in worker/),
/// published once from this repository into a temporary folder for a test class.
/// </summary>
public sealed class PublishedOprelFixture : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("oprel-published-").FullName;

    public string Program => Path.Combine(Directory, OperatingSystem.IsWindows() ? "oprel.exe" : "oprel");

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Supervisor", "Oprel.Supervisor.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "-c", "Release", "-o", Directory, "-nologo" },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var error = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await publish.WaitForExitAsync(timeout.Token);
        if (publish.ExitCode != 0 || !File.Exists(Program))
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{await output}\n{await error}");
        }
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Oprel.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Oprel.sln above {AppContext.BaseDirectory}.");
    }
}
