using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Oprel.Bench;

/// <summary>A real `oprel serve` child process, measured from an HTTP client streaming /api/generate.</summary>
internal static class ServerBenchmark
{
    public static async Task<BenchResult> RunAsync(string model, BenchSettings settings)
    {
        var port = FreePort();
        var cache = Directory.CreateTempSubdirectory("oprel-bench-").FullName;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "oprel.dll"));
        foreach (var argument in new[] { "serve", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OPREL_CACHE_DIR"] = cache;
        start.Environment["OPREL_LOG_LEVEL"] = "warn";
        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            await WaitUntilUpAsync(http);
            var loadStarted = Stopwatch.GetTimestamp();
            await PostAsync(http, $$"""{"model":{{JsonSerializer.Serialize(model)}},"stream":false}""");
            var loadMs = Stopwatch.GetElapsedTime(loadStarted).TotalMilliseconds;

            var prompt = new List<double>();
            var decode = new List<double>();
            var ttft = new List<double>();
            for (var run = 0; run <= settings.Runs; run++)
            {
                var body = new JsonObject
                {
                    ["model"] = model,
                    ["prompt"] = $"{run} {settings.Prompt}",
                    ["raw"] = true,
                    ["options"] = new JsonObject { ["temperature"] = 0, ["num_predict"] = settings.Tokens, ["repeat_penalty"] = 1, ["num_ctx"] = settings.ContextSize, ["num_thread"] = settings.Threads },
                };
                var (first, last, final) = await StreamAsync(http, body.ToJsonString());
                if (run == 0)
                {
                    continue;
                }

                var evalCount = final["eval_count"]!.GetValue<int>();
                prompt.Add(final["prompt_eval_count"]!.GetValue<int>() / (final["prompt_eval_duration"]!.GetValue<long>() / 1e9));
                decode.Add((evalCount - 1) / (last - first).TotalSeconds);
                ttft.Add(first.TotalMilliseconds);
            }

            var ps = JsonNode.Parse(await http.GetStringAsync("/api/ps"))!;
            var workerPid = ps["models"]![0]!["pid"]!.GetValue<int>();
            return new BenchResult(
                "Oprel server over HTTP, 1 stream",
                Measurements.Median(prompt),
                Measurements.Median(decode),
                Measurements.Median(ttft),
                loadMs,
                $"supervisor {Measurements.ResidentMiB(server.Id):0} MiB, worker {Measurements.ResidentMiB(workerPid):0} MiB");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(cache, recursive: true);
        }
    }

    private static async Task<(TimeSpan First, TimeSpan Last, JsonNode Final)> StreamAsync(HttpClient http, string body)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        TimeSpan? first = null;
        var last = TimeSpan.Zero;
        JsonNode? final = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            var node = JsonNode.Parse(line)!;
            if (node["error"] is { } error)
            {
                throw new InvalidOperationException(error.GetValue<string>());
            }

            if (node["response"]?.GetValue<string>() is { Length: > 0 })
            {
                last = Stopwatch.GetElapsedTime(started);
                first ??= last;
            }

            final = node;
        }

        return (first ?? last, last, final!);
    }

    private static async Task PostAsync(HttpClient http, string body)
    {
        using var response = await http.PostAsync("/api/generate", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private static async Task WaitUntilUpAsync(HttpClient http)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var response = await http.GetAsync("/api/version");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("oprel serve did not come up.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
