using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Oprel.Supervisor.Tests.EndToEnd;
using Oprel.Supervisor.Workers;

namespace Oprel.Supervisor.Tests.Workers;

/// <summary>The worker pool under real use: limits, eviction, expiry, crash loops, the watchdog, many clients.</summary>
public sealed class WorkerPoolEndToEndTests
{
    [Fact]
    public async Task SixteenConcurrentRequests_AreAllServed()
    {
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string> { ["OPREL_NUM_PARALLEL"] = "4" });
        var requests = Enumerable.Range(0, 16).Select(i => PostAsync(server, "/api/generate", $$$"""{"model":"tiny","prompt":"story {{{i}}}","stream":false,"options":{"num_predict":20,"seed":{{{i}}}}}"""));
        var responses = await Task.WhenAll(requests);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(responses, r => Assert.True(JsonNode.Parse(r.Body)!["done"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task QueueOverflow_Gets503WithAJsonError()
    {
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string> { ["OPREL_MAX_QUEUE"] = "0" });
        // The first request loads the model (hundreds of milliseconds); the others arrive while it holds the only place.
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            PostAsync(server, "/api/generate", """{"model":"tiny","prompt":"hi","stream":false,"options":{"num_predict":5}}""")));

        Assert.Contains(responses, r => r.Status == HttpStatusCode.OK);
        var busy = Assert.Single(responses.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).Take(1));
        Assert.Contains("busy", JsonNode.Parse(busy.Body)!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepAlive_ExpiresAndUnloads()
    {
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string>());
        await PostAsync(server, "/api/generate", """{"model":"tiny","prompt":"hi","stream":false,"keep_alive":"3s","options":{"num_predict":2}}""");
        Assert.Single(await RunningAsync(server));
        await WaitUntilAsync(async () => (await RunningAsync(server)).Count == 0, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Workers_AskGlibcForHugePages_AndOpenMpToSpinLess()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Blank OpenMP settings count as unset, so the worker gets Oprel's spin count whatever the test runner's
        // environment holds.
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            [OpenMpSpinning.SpinCountVariable] = "",
            [OpenMpSpinning.WaitPolicyVariable] = "",
        });
        var (_, pid) = await GenerateTwoTokensAsync(server, "");

        var environment = (await File.ReadAllTextAsync($"/proc/{pid}/environ")).Split('\0');

        var tunables = Assert.Single(environment, e => e.StartsWith("GLIBC_TUNABLES=", StringComparison.Ordinal));
        Assert.Contains("glibc.malloc.hugetlb=", tunables, StringComparison.Ordinal);
        Assert.Contains($"{OpenMpSpinning.SpinCountVariable}={OpenMpSpinning.WorkerSpinCount}", environment);
    }

    [Fact]
    public async Task UseMmapFalse_ReadsTheModelIntoANewWorkersOwnMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string>());
        var (_, mappedBy) = await GenerateTwoTokensAsync(server, "");
        var mapped = await MapsModelFileAsync(mappedBy);

        var (status, readBy) = await GenerateTwoTokensAsync(server, ""","use_mmap":false""");

        Assert.True(mapped);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(mappedBy, readBy);
        Assert.False(await MapsModelFileAsync(readBy));
    }

    [Fact]
    public async Task MaxLoadedModels_EvictsTheLeastRecentlyUsedIdleModel()
    {
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string> { ["OPREL_MAX_LOADED_MODELS"] = "1" });
        await PostAsync(server, "/api/generate", """{"model":"tiny","prompt":"hi","stream":false,"options":{"num_predict":2}}""");
        var copy = Path.Combine(server.CacheDirectory, "second.gguf");
        File.Copy(Directory.GetFiles(server.CacheDirectory, "*.gguf", SearchOption.AllDirectories)[0], copy);

        var second = await PostAsync(server, "/api/generate", $$$"""{"model":{{{System.Text.Json.JsonSerializer.Serialize(copy)}}},"prompt":"hi","stream":false,"options":{"num_predict":2}}""");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        var running = await RunningAsync(server);
        Assert.Equal(copy, Assert.Single(running)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task CrashLoop_StopsRestartsUntilLoadedExplicitly()
    {
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string>());
        for (var crash = 0; crash < 3; crash++)
        {
            var ok = await PostAsync(server, "/api/generate", """{"model":"tiny","prompt":"hi","stream":false,"options":{"num_predict":2}}""");
            Assert.Equal(HttpStatusCode.OK, ok.Status);
            var pid = (await RunningAsync(server))[0]!["pid"]!.GetValue<int>();
            using var worker = Process.GetProcessById(pid);
            worker.Kill();
            await worker.WaitForExitAsync();
            await WaitUntilAsync(async () => (await RunningAsync(server)).Count == 0, TimeSpan.FromSeconds(10));
        }

        var refused = await PostAsync(server, "/api/generate", """{"model":"tiny","prompt":"hi","stream":false}""");
        Assert.Equal(HttpStatusCode.InternalServerError, refused.Status);
        Assert.Contains("crashed 3 times", refused.Body, StringComparison.Ordinal);

        var load = await PostAsync(server, "/api/generate", """{"model":"tiny","stream":false}""");
        Assert.Equal(HttpStatusCode.OK, load.Status);
        var after = await PostAsync(server, "/api/generate", """{"model":"tiny","prompt":"hi","stream":false,"options":{"num_predict":2}}""");
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task MemoryWatchdog_KillsAWorkerPastItsLimit()
    {
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string> { ["OPREL_HEALTH_INTERVAL"] = "200ms" });
        // With a 64-token context tiny's weights, KV cache and compute buffers take about 5 MB, so the estimate lets it
        // load; the worker's resident memory is far more than 20 MiB.
        var load = await PostAsync(server, "/api/generate", """{"model":"tiny","stream":false,"options":{"max_memory_mb":20,"num_ctx":64}}""");
        Assert.Equal(HttpStatusCode.OK, load.Status);

        await WaitUntilAsync(async () => (await RunningAsync(server)).Count == 0, TimeSpan.FromSeconds(10));
        Assert.Contains("past its 20 MiB limit", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondChatTurn_EvaluatesOnlyTheNewTokens()
    {
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string>());
        var first = JsonNode.Parse((await PostAsync(server, "/api/chat",
            """{"model":"tiny","stream":false,"messages":[{"role":"system","content":"You tell stories about the forest."},{"role":"user","content":"Tell me about the owl and the fox."}],"options":{"num_predict":12,"temperature":0}}""")).Body)!;
        var answer = first["message"]!["content"]!.GetValue<string>();
        var history = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "You tell stories about the forest." },
            new JsonObject { ["role"] = "user", ["content"] = "Tell me about the owl and the fox." },
            new JsonObject { ["role"] = "assistant", ["content"] = answer },
            new JsonObject { ["role"] = "user", ["content"] = "And the river?" });
        var body = new JsonObject { ["model"] = "tiny", ["stream"] = false, ["messages"] = history, ["options"] = new JsonObject { ["num_predict"] = 5 } };

        var second = JsonNode.Parse((await PostAsync(server, "/api/chat", body.ToJsonString())).Body)!;

        var firstCount = first["prompt_eval_count"]!.GetValue<int>();
        var secondCount = second["prompt_eval_count"]!.GetValue<int>();
        Assert.True(secondCount < firstCount, $"second turn evaluated {secondCount} tokens, the first {firstCount}");
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(ServerFixture server, string path, string body)
    {
        using var response = await server.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Has tiny generate two tokens, with more options (JSON members after a comma) if given; returns the status and the PID of the worker that loaded it.</summary>
    private static async Task<(HttpStatusCode Status, int WorkerPid)> GenerateTwoTokensAsync(ServerFixture server, string moreOptions)
    {
        var (status, _) = await PostAsync(server, "/api/generate", $$$"""{"model":"tiny","prompt":"hi","stream":false,"options":{"num_predict":2{{{moreOptions}}}}}""");
        return (status, (await RunningAsync(server))[0]!["pid"]!.GetValue<int>());
    }

    private static async Task<bool> MapsModelFileAsync(int processId) =>
        (await File.ReadAllTextAsync($"/proc/{processId}/maps")).Contains(".gguf", StringComparison.Ordinal);

    private static async Task<JsonArray> RunningAsync(ServerFixture server) =>
        (await server.Http.GetFromJsonAsync<JsonObject>("/api/ps"))!["models"]!.AsArray();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < timeout, $"not within {timeout}");
            await Task.Delay(100);
        }
    }
}
