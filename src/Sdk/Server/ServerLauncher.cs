using System.Diagnostics;
using System.Globalization;

namespace Oprel.Server;

/// <summary>
/// Makes sure an Oprel server answers before a client command talks to it: when GET /api/version is silent, starts
/// `oprel serve` in the background (logging to a file, detached from this console) and waits until it answers.
/// The server stays up after the CLI exits, so the next command finds it.
/// </summary>
internal sealed class ServerLauncher
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The hidden `oprel serve` flag that moves a background server into a session of its own.</summary>
    public const string DetachOptionName = "--detach";

    private readonly ServerEndpoint _endpoint;
    private readonly string _cacheDir;
    private readonly Func<ServerProgram> _program;

    public ServerLauncher(ServerEndpoint endpoint, string cacheDir, Func<ServerProgram> program)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(cacheDir);
        ArgumentNullException.ThrowIfNull(program);
        _endpoint = endpoint;
        _cacheDir = cacheDir;
        _program = program;
    }

    /// <summary>The log of a server the CLI starts: &lt;cache&gt;/logs/serve-&lt;port&gt;.log.</summary>
    public string LogFile => Path.Combine(_cacheDir, "logs", $"serve-{_endpoint.Port.ToString(CultureInfo.InvariantCulture)}.log");

    /// <summary>Returns once the server answers, starting it first if needed.</summary>
    /// <exception cref="OprelException">The server exited or stayed silent for a minute.</exception>
    public async Task EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (await ServerProbe.TryGetVersionAsync(_endpoint.BaseUri, ProbeTimeout, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        using var server = StartServer();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            if (await ServerProbe.TryGetVersionAsync(_endpoint.BaseUri, ProbeTimeout, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }

            // Another command may have started a server on this port at the same moment: only fail once nothing answers.
            if (server.HasExited || waited.Elapsed > StartTimeout)
            {
                throw new OprelException($"the Oprel server did not start on {_endpoint.Display}; see {LogFile}");
            }
        }
    }

    /// <summary>The executable and the arguments that run `oprel serve` for this endpoint.</summary>
    internal static ProcessStartInfo CreateStartInfo(string processPath, string assemblyPath, ServerEndpoint endpoint, string logFile, string cacheDirectory)
    {
        var startInfo = new ProcessStartInfo(processPath)
        {
            UseShellExecute = false,
            // Own pipes for all three streams (closed at once): the server must not hold the CLI's console or pipes open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            WorkingDirectory = cacheDirectory,
        };

        // The server keeps its models where the caller's Config says, whatever this process's environment says.
        startInfo.Environment["OPREL_CACHE_DIR"] = cacheDirectory;

        // The muxer (`dotnet oprel.dll …`, as `dotnet test` or a framework-dependent launch runs it) needs the assembly first.
        var fileName = processPath[(processPath.LastIndexOfAny(['/', '\\']) + 1)..];
        if (fileName.Equals("dotnet", StringComparison.OrdinalIgnoreCase) || fileName.Equals("dotnet.exe", StringComparison.OrdinalIgnoreCase))
        {
            startInfo.ArgumentList.Add(assemblyPath);
        }

        foreach (var argument in new[]
        {
            "serve", "--host", endpoint.BindHost, "--port", endpoint.Port.ToString(CultureInfo.InvariantCulture), "--log-file", logFile, DetachOptionName,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private Process StartServer()
    {
        var program = _program();
        var processPath = program.ProcessPath;
        var startInfo = CreateStartInfo(processPath, program.AssemblyPath, _endpoint, LogFile, _cacheDir);
        Process? server;
        try
        {
            server = Process.Start(startInfo);
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new OprelException($"cannot start the Oprel server ({processPath}): {error.Message}", error);
        }

        if (server is null)
        {
            throw new OprelException($"cannot start the Oprel server ({processPath})");
        }

        server.StandardInput.Close();
        server.StandardOutput.Close();
        server.StandardError.Close();
        return server;
    }
}
