using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Oprel.Supervisor.Tests.OpenAi;

/// <summary>Runs node/client.mjs, which uses the official openai npm package (installed by <c>npm ci</c>, see .ci/run).</summary>
internal static class NodeOpenAiClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The folder of client.mjs and its package.json, in the source tree.</summary>
    public static string Directory { get; } = Locate();

    /// <summary>Runs one scenario of client.mjs against the server on <paramref name="port"/> and returns what it printed.</summary>
    public static async Task<JsonNode> RunAsync(int port, string scenario)
    {
        if (!File.Exists(Path.Combine(Directory, "node_modules", "openai", "package.json")))
        {
            Assert.Fail($"The openai npm package is not installed: run `npm ci --prefix {Directory}` (.ci/run does).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { "client.mjs", port.ToString(CultureInfo.InvariantCulture), scenario },
        };
        start.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        start.Environment["no_proxy"] = "127.0.0.1,localhost";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException("Node.js is needed for the openai client tests: `node` could not be started.", error);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node client.mjs {scenario} did not finish within {Timeout}: {await output} {await errors}");
            }

            Assert.True(process.ExitCode == 0, $"node client.mjs {scenario} exited with {process.ExitCode}: {await errors}");
            return JsonNode.Parse(await output)!;
        }
    }

    private static string Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "Oprel.Supervisor.Tests", "OpenAi", "node");
            if (File.Exists(Path.Combine(candidate, "client.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/Oprel.Supervisor.Tests/OpenAi/node is not above {AppContext.BaseDirectory}.");
    }
}
