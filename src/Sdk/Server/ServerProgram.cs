namespace Oprel.Server;

/// <summary>
/// The `oprel` program that runs a server: the process path to start and, when that is the dotnet host, the
/// assembly it runs.
/// </summary>
/// <param name="ProcessPath">The apphost `oprel`, or the dotnet host.</param>
/// <param name="AssemblyPath">oprel.dll, passed first when <paramref name="ProcessPath"/> is the dotnet host.</param>
internal sealed record ServerProgram(string ProcessPath, string AssemblyPath)
{
    /// <summary>
    /// This process, when it is `oprel` itself (the CLI starting its own server): the native `oprel` or its apphost,
    /// or the dotnet host running oprel.dll from this program's folder.
    /// </summary>
    public static ServerProgram ForThisProcess() => new(
        Environment.ProcessPath ?? throw new OprelException("cannot start the Oprel server: the path of this program is unknown"),
        Path.Combine(AppContext.BaseDirectory, "oprel.dll"));

    /// <summary>
    /// The `oprel` an application using the SDK starts: OPREL_SERVER_EXECUTABLE, else oprel.dll next to the application
    /// (run by this process's dotnet host), else `oprel` on the PATH.
    /// </summary>
    public static ServerProgram Locate()
    {
        if (Environment.GetEnvironmentVariable("OPREL_SERVER_EXECUTABLE") is { Length: > 0 } configured)
        {
            return configured.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? new ServerProgram(DotnetHost.Path, configured)
                : new ServerProgram(configured, configured);
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "oprel.dll");
        if (File.Exists(beside))
        {
            return new ServerProgram(DotnetHost.Path, beside);
        }

        var name = OperatingSystem.IsWindows() ? "oprel.exe" : "oprel";
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return new ServerProgram(candidate, candidate);
            }
        }

        throw new BackendException(
            "No Oprel server is running and no `oprel` program was found to start one: install the oprel tool, set OPREL_SERVER_EXECUTABLE, or run `oprel serve`.");
    }
}
