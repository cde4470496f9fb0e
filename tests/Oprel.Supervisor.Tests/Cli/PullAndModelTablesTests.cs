using System.Net;
using Oprel.Hardware;
using Oprel.HuggingFace;
using Oprel.Models;
using Oprel.OllamaApi;
using Oprel.Store;
using Oprel.Supervisor.Cli;

namespace Oprel.Supervisor.Tests.Cli;

/// <summary>What pull, list-models, search, cache list and info print, and the pull call of the HTTP client.</summary>
public sealed class PullAndModelTablesTests
{
    [Fact]
    public void Report_DownloadProgress_PrintsStatusesOnceAndEveryTenPercent()
    {
        var output = new StringWriter();
        var plain = new PlainPullProgress(output, TimeProvider.System);

        plain.Report(new OllamaProgressResponse { Status = "pulling manifest" });
        for (long done = 0; done <= 1000; done += 50)
        {
            plain.Report(new OllamaProgressResponse { Status = "downloading model.gguf", Digest = "sha256:aa", Total = 1000, Completed = done });
        }

        plain.Report(new OllamaProgressResponse { Status = "verifying sha256 digest" });
        plain.Report(new OllamaProgressResponse { Status = "success" });

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("pulling manifest", lines[0]);
        Assert.Equal(11, lines.Count(l => l.StartsWith("downloading model.gguf: ", StringComparison.Ordinal)));
        Assert.StartsWith("downloading model.gguf: 100% (1.0 KB of 1.0 KB, ", lines[^3], StringComparison.Ordinal);
        Assert.Equal(["verifying sha256 digest", "success"], lines[^2..]);
    }

    [Fact]
    public async Task PullAsync_ServerStreamsProgress_YieldsItUntilSuccess()
    {
        using var handler = new StubHttpHandler((_, _) => Task.FromResult(StubHttpHandler.Ndjson(
            """{"status":"pulling manifest"}""",
            """{"status":"downloading m.gguf","digest":"sha256:ab","total":10,"completed":10}""",
            """{"status":"success"}""")));
        using var api = new OprelHttpApi(new Uri("http://127.0.0.1:1/"), handler);

        var progress = new List<OllamaProgressResponse>();
        await foreach (var item in api.PullAsync("qwencoder", CancellationToken.None))
        {
            progress.Add(item);
        }

        Assert.Equal(["pulling manifest", "downloading m.gguf", "success"], progress.Select(p => p.Status));
        Assert.Equal(10, progress[1].Completed);
        Assert.Equal(("/api/pull", """{"model":"qwencoder","stream":true}"""), handler.Requests.Single());
    }

    [Fact]
    public async Task PullAsync_ErrorLineMidStream_ThrowsItsMessage()
    {
        using var handler = new StubHttpHandler((_, _) => Task.FromResult(StubHttpHandler.Ndjson(
            """{"status":"pulling manifest"}""",
            """{"error":"Hugging Face refused it: set HF_TOKEN"}""")));
        using var api = new OprelHttpApi(new Uri("http://127.0.0.1:1/"), handler);

        var error = await Assert.ThrowsAsync<OprelException>(async () =>
        {
            await foreach (var _ in api.PullAsync("meta/gated", CancellationToken.None))
            {
            }
        });

        Assert.Contains("HF_TOKEN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_404_IsModelNotFound()
    {
        using var handler = new StubHttpHandler((_, _) => Task.FromResult(StubHttpHandler.Json(HttpStatusCode.NotFound, """{"error":"Hugging Face has no repository 'a/b'"}""")));
        using var api = new OprelHttpApi(new Uri("http://127.0.0.1:1/"), handler);

        await Assert.ThrowsAsync<ModelNotFoundException>(async () =>
        {
            await foreach (var _ in api.PullAsync("a/b", CancellationToken.None))
            {
            }
        });
    }

    [Fact]
    public void Aliases_Registry_IsATableWithTinyFirst()
    {
        var lines = ModelTables.Aliases(ModelRegistry.Aliases, includeTiny: true).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("NAME", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("tiny ", lines[1], StringComparison.Ordinal);
        Assert.Equal(ModelRegistry.Aliases.Count + 2, lines.Length);
        var coder = lines.Single(l => l.StartsWith("qwencoder ", StringComparison.Ordinal));
        Assert.Contains("7.6B", coder, StringComparison.Ordinal);
        Assert.Contains("32K", coder, StringComparison.Ordinal);
        Assert.Contains("Qwen/Qwen2.5-Coder-7B-Instruct-GGUF", coder, StringComparison.Ordinal);
        Assert.Equal(lines[0].IndexOf("REPOSITORY", StringComparison.Ordinal), coder.IndexOf("Qwen/", StringComparison.Ordinal));
    }

    [Fact]
    public void SearchResults_HubModels_ShowHowToPullThem()
    {
        var text = ModelTables.SearchResults([new HuggingFaceModelInfo { Id = "owner/Repo-GGUF", Downloads = 12345, Likes = 7 }]);

        Assert.Contains("owner/Repo-GGUF", text, StringComparison.Ordinal);
        Assert.Contains("12,345", text, StringComparison.Ordinal);
        Assert.Contains("oprel pull hf.co/owner/Repo-GGUF", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_Models_ShowNameQuantSizeAndLastUse()
    {
        var now = new DateTimeOffset(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);
        var manifest = new ModelManifest
        {
            Name = "qwencoder:latest",
            Quantization = "Q4_K_M",
            Files = [new ManifestFile("sha256:" + new string('a', 64), 4_683_073_536, "qwen2.5-coder-7b-instruct-q4_k_m.gguf")],
            LastUsedAt = now.AddHours(-3),
        };

        var lines = ModelTables.Stored([new StoredModel(manifest, now)], now).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["NAME", "QUANT", "SIZE", "LAST", "USED"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["qwencoder:latest", "Q4_K_M", "4.7", "GB", "3", "hours", "ago"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(null, "never")]
    [InlineData(10, "just now")]
    [InlineData(60, "1 minute ago")]
    [InlineData(7200, "2 hours ago")]
    [InlineData(90000, "1 day ago")]
    public void Ago_Elapsed_ReadsLikeAPerson(int? secondsAgo, string expected)
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(expected, ModelTables.Ago(secondsAgo is { } s ? now.AddSeconds(-s) : null, now));
    }

    [Fact]
    public void Format_HardwareWithGpuAndCgroupLimit_SaysEverythingItFound()
    {
        var hardware = new HardwareInfo(
            "Linux 6.8 (x64)",
            new CpuInfo(16, 8, "Test CPU", true, true, true),
            new MemoryInfo(8_000_000_000, 6_000_000_000, 8_000_000_000, "/proc/meminfo + cgroup v2 memory.max"),
            [new GpuInfo(0, "NVIDIA H100", 80_000_000_000, 79_000_000_000, "NVML")],
            []);

        var text = HardwareReport.Format(hardware, new Config { CacheDir = "/models", DefaultMaxMemoryMb = 4096 }, gpuOffload: true, 100_000_000_000);

        Assert.Contains("Test CPU, 16 cores (8 physical)", text, StringComparison.Ordinal);
        Assert.Contains("AVX yes, AVX2 yes, AVX-512 yes", text, StringComparison.Ordinal);
        Assert.Contains("8.0 GB total, 6.0 GB available", text, StringComparison.Ordinal);
        Assert.Contains("cgroup memory.max 8.0 GB", text, StringComparison.Ordinal);
        Assert.Contains("GPU 0:    NVIDIA H100, 79.0 GB free of 80.0 GB (NVML)", text, StringComparison.Ordinal);
        Assert.Contains("available RAM 6.0 GB, free VRAM 79.0 GB, max_memory_mb 4096", text, StringComparison.Ordinal);
        Assert.Contains("(100 GB free on disk)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_UnknownMemoryAndNoGpu_SaysSo()
    {
        var hardware = new HardwareInfo("Plan 9", new CpuInfo(2, null, null, false, false, false), MemoryInfo.Unknown("no memory probe"), [], ["GPUs: none found"]);

        var text = HardwareReport.Format(hardware, new Config { CacheDir = "/models" }, gpuOffload: false, null);

        Assert.Contains("Memory:   unknown (no memory probe)", text, StringComparison.Ordinal);
        Assert.Contains("GPU:      none found", text, StringComparison.Ordinal);
        Assert.Contains("available RAM unknown", text, StringComparison.Ordinal);
        Assert.Contains("Note:     GPUs: none found", text, StringComparison.Ordinal);
    }
}
