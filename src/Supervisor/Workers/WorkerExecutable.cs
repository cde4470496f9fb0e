using Oprel.Server;

namespace Oprel.Supervisor.Workers;

/// <summary>
/// How to start Oprel.Worker. A published, native `oprel` has the worker as a framework-dependent program of its own
/// in worker/ (its apphost, runtime config and dependencies). A build runs the worker with the supervisor's own runtime
/// config and dependency file (<c>dotnet exec --runtimeconfig oprel.runtimeconfig.json --depsfile oprel.deps.json
/// Oprel.Worker.dll</c>): the build output holds the worker's dependencies, some of them through the shared ASP.NET
/// Core framework.
/// </summary>
internal sealed record WorkerExecutable(string FileName, IReadOnlyList<string> LeadingArguments)
{
    public static WorkerExecutable Locate()
    {
        var directory = AppContext.BaseDirectory;
        var published = Path.Combine(directory, "worker");
        if (Directory.Exists(published))
        {
            // The apphost finds the .NET runtime (DOTNET_ROOT, the installed location) the way any .NET program does.
            var apphost = Path.Combine(published, OperatingSystem.IsWindows() ? "Oprel.Worker.exe" : "Oprel.Worker");
            var publishedDll = Path.Combine(published, "Oprel.Worker.dll");
            RequireAll(published, apphost, publishedDll, Path.Combine(published, "Oprel.Worker.runtimeconfig.json"), Path.Combine(published, "Oprel.Worker.deps.json"));
            return new WorkerExecutable(apphost, []);
        }

        var dll = Path.Combine(directory, "Oprel.Worker.dll");
        var runtimeConfig = Path.Combine(directory, "oprel.runtimeconfig.json");
        var deps = Path.Combine(directory, "oprel.deps.json");
        RequireAll(directory, dll, runtimeConfig, deps);
        return new WorkerExecutable(DotnetHost.Path, ["exec", "--runtimeconfig", runtimeConfig, "--depsfile", deps, dll]);
    }

    private static void RequireAll(string directory, params string[] files)
    {
        foreach (var required in files)
        {
            if (!File.Exists(required))
            {
                throw new BackendException($"'{Path.GetFileName(required)}' is missing from '{directory}'; the installation is incomplete.");
            }
        }
    }
}
