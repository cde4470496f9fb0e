using System.Runtime.InteropServices;

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

        return new WorkerExecutable(DotnetHost(), ["exec", "--runtimeconfig", runtimeConfig, "--depsfile", deps, dll]);
    }

    /// <summary>The dotnet host that runs this process: the current process if it is dotnet, else the one above the runtime folder.</summary>
    private static string DotnetHost()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileName(current).Equals(name, StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        // RuntimeEnvironment's folder is <root>/shared/Microsoft.NETCore.App/<version>/.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, name);
        if (File.Exists(host))
        {
            return host;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk ? fromSdk : name;
    }
}
