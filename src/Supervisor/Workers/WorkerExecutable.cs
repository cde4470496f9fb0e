using Oprel.Server;

namespace Oprel.Supervisor.Workers;

/// <summary>
/// How to start Oprel.Worker. It runs with the supervisor's own runtime config and dependency file (<c>dotnet exec
/// --runtimeconfig oprel.runtimeconfig.json --depsfile oprel.deps.json Oprel.Worker.dll</c>): the supervisor's
/// output holds the worker's dependencies, some of them through the shared ASP.NET Core framework.
/// </summary>
internal sealed record WorkerExecutable(string FileName, IReadOnlyList<string> LeadingArguments)
{
    public static WorkerExecutable Locate()
    {
        var directory = AppContext.BaseDirectory;
        var dll = Path.Combine(directory, "Oprel.Worker.dll");
        var runtimeConfig = Path.Combine(directory, "oprel.runtimeconfig.json");
        var deps = Path.Combine(directory, "oprel.deps.json");
        foreach (var required in new[] { dll, runtimeConfig, deps })
        {
            if (!File.Exists(required))
            {
                throw new BackendException($"'{Path.GetFileName(required)}' is missing from '{directory}'; the installation is incomplete.");
            }
        }

        return new WorkerExecutable(DotnetHost.Path, ["exec", "--runtimeconfig", runtimeConfig, "--depsfile", deps, dll]);
    }
}
