using System.Globalization;
using System.IO.Pipes;
using System.Net.Http.Json;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json.Nodes;
using Oprel.OllamaApi;
using Oprel.Rpc;

namespace Oprel.Supervisor.Tests.EndToEnd;

/// <summary>
/// The published `oprel` (native, no JIT) does what the build does: serves HTTP and its pipe with workers started
/// from worker/, and runs the CLI that starts and stops its own server. JSON, RPC proxies and targets that would
/// need reflection fail here, not in the build.
/// </summary>
public sealed class PublishedOprelTests(PublishedOprelFixture published) : IClassFixture<PublishedOprelFixture>
{
    [Fact]
    public async Task Serve_StreamsOverHttpAndThePipe_FromAWorkerInItsWorkerFolder()
    {
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string>(), published.Program);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate")
        {
            Content = new StringContent("""{"model":"tiny","prompt":"Tell me about a fox.","options":{"num_predict":20,"seed":1}}""", Encoding.UTF8, "application/json"),
        };
        using var response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.True(lines.Count > 2, string.Join('\n', lines));
        Assert.True(lines[^1]["done"]!.GetValue<bool>());
        Assert.Matches("[a-z]+ [a-z]+", string.Concat(lines.Select(l => l["response"]!.GetValue<string>())));

        await using var pipe = new NamedPipeClientStream(".", PipeNames.Supervisor(server.Port), PipeDirection.InOut, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        await pipe.ConnectAsync(10_000);
        using var rpc = RpcConnection.Create(pipe);
        var supervisor = rpc.Attach<ISupervisorService>();
        rpc.StartListening();
        var chunks = new List<OllamaChatResponse>();
        await foreach (var chunk in supervisor.ChatAsync(
            new OllamaChatRequest { Model = "tiny", Messages = [new OllamaMessage { Role = "user", Content = "Why is the sky blue?" }], Options = new OllamaOptions { NumPredict = 10 } },
            CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        Assert.True(chunks[^1].Done);
        Assert.True(chunks[^1].EvalCount > 0);
        var unknown = await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteInvocationException>(async () =>
        {
            await foreach (var chunk in supervisor.GenerateAsync(new OllamaGenerateRequest { Model = "no-such-model", Prompt = "hi" }, CancellationToken.None))
            {
            }
        });
        Assert.Equal(RpcErrorCodes.ModelNotFound, unknown.ErrorCode);

        var running = await server.Http.GetFromJsonAsync<JsonObject>("/api/ps");
        var pid = running!["models"]![0]!["pid"]!.GetValue<int>();
        var commandLine = (await File.ReadAllTextAsync($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline")).Replace('\0', ' ');
        Assert.Contains(Path.Combine(published.Directory, "worker", "Oprel.Worker"), commandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_IsPrecompiled_AndRunsWithoutTieredCompilation()
    {
        // Tiering would recompile the worker's hot methods in the background, on a core llama.cpp's threads need.
        var worker = Path.Combine(published.Directory, "worker");
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(worker, "Oprel.Worker.runtimeconfig.json")))!["runtimeOptions"]!["configProperties"]!;
        Assert.False(settings["System.Runtime.TieredCompilation"]?.GetValue<bool>() ?? true, settings.ToJsonString());

        foreach (var assembly in new[] { "Oprel.Worker.dll", "Oprel.Abstractions.dll", "LLamaSharp.dll" })
        {
            using var image = new PEReader(File.OpenRead(Path.Combine(worker, assembly)));
            Assert.True(image.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} is not ReadyToRun code.");
        }
    }

    [Fact]
    public async Task RunAndStop_StartTheirOwnServer_AndStopIt()
    {
        var cache = Directory.CreateTempSubdirectory("oprel-test-").FullName;
        var port = OprelProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["OPREL_CACHE_DIR"] = cache,
            ["OPREL_SERVER_HOST"] = "127.0.0.1",
            ["OPREL_SERVER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        };
        try
        {
            var run = await OprelProcess.RunAsync(["run", "tiny", "Why is the sky blue?"], environment, TimeSpan.FromMinutes(3), program: published.Program);
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Matches("[a-z]+ [a-z]+", run.Output);

            var stop = await OprelProcess.RunAsync(["stop"], environment, TimeSpan.FromMinutes(1), program: published.Program);
            Assert.True(stop.ExitCode == 0, stop.Error);
            Assert.Contains("Stopped", stop.Output, StringComparison.Ordinal);
            var again = await OprelProcess.RunAsync(["ps"], environment, TimeSpan.FromMinutes(1), program: published.Program);
            Assert.Contains("no Oprel server is running", again.Output + again.Error, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await OprelProcess.RunAsync(["stop"], environment, TimeSpan.FromMinutes(1), program: published.Program);
            Directory.Delete(cache, recursive: true);
        }
    }
}
