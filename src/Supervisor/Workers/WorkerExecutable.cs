namespace Oprel.Supervisor.Workers;

/// <summary>How to start Oprel.Worker: its apphost next to the supervisor, or `dotnet Oprel.Worker.dll`.</summary>
internal sealed record WorkerExecutable(string FileName, IReadOnlyList<string> LeadingArguments)
{
    public static WorkerExecutable Locate()
    {
        var directory = AppContext.BaseDirectory;
        var dll = Path.Combine(directory, "Oprel.Worker.dll");
        if (!File.Exists(dll))
        {
            throw new BackendException($"Oprel.Worker.dll is missing from '{directory}'; the installation is incomplete.");
        }

        var apphost = Path.Combine(directory, OperatingSystem.IsWindows() ? "Oprel.Worker.exe" : "Oprel.Worker");
        if (File.Exists(apphost))
        {
            return new WorkerExecutable(apphost, []);
        }

        return new WorkerExecutable(DotnetHost(), [dll]);
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
