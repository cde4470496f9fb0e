using System.Security.Cryptography;
using Oprel.Planning;
using Oprel.Tests.HuggingFace;

namespace Oprel.Sdk.Tests.Downloads;

/// <summary>Pulls against a fake Hugging Face hub on 127.0.0.1: aliases, repositories, quantizations, resumes, corruption, errors, tokens and sharing.</summary>
public sealed class ModelPullerTests
{
    private const string CoderRepository = "Qwen/Qwen2.5-Coder-7B-Instruct-GGUF";

    [Fact]
    public async Task PullAsync_Alias_DownloadsTheBestQuantizationThatFitsAndWritesTheManifest()
    {
        await using var harness = await PullHarness.StartAsync();
        var q8 = new FakeFile("qwen2.5-coder-7b-instruct-q8_0.gguf", TestGguf.Create(200_000));
        var q4 = new FakeFile("qwen2.5-coder-7b-instruct-q4_k_m.gguf", TestGguf.Create(100_000));
        var other = new FakeFile("unrelated-model-q4_k_m.gguf", TestGguf.Create(1_000));
        harness.Hub.AddRepository(CoderRepository, q4, q8, other);

        var progress = await harness.PullAsync("qwencoder");

        Assert.Equal("pulling manifest", progress[0].Status);
        Assert.Equal(["verifying sha256 digest", "writing manifest", "success"], progress[^3..].Select(p => p.Status));
        var downloading = progress.Where(p => p.Status.StartsWith("downloading ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(downloading);
        Assert.All(downloading, p => Assert.Equal($"sha256:{q8.RealSha256}", p.Digest));
        Assert.Equal(q8.Content.Length, downloading[^1].Completed);
        Assert.Equal(q8.Content.Length, downloading[^1].Total);

        var manifest = harness.Store.GetManifest("qwencoder")!;
        Assert.Equal("qwencoder:latest", manifest.Name);
        Assert.Equal("Q8_0", manifest.Quantization);
        Assert.Equal(CoderRepository, manifest.Repository);
        Assert.Equal("qwencoder", manifest.Alias);
        Assert.Equal(q8.Content, await File.ReadAllBytesAsync(harness.Store.BlobPath(manifest.Files[0].Digest)));
    }

    [Fact]
    public async Task PullAsync_RepositoryWithQuantization_DownloadsThatQuantization()
    {
        await using var harness = await PullHarness.StartAsync();
        var q8 = new FakeFile("Model-Q8_0.gguf", TestGguf.Create(20_000));
        var q4 = new FakeFile("Model-Q4_K_M.gguf", TestGguf.Create(10_000));
        harness.Hub.AddRepository("owner/Some-Model-GGUF", q8, q4);

        await harness.PullAsync("hf.co/owner/Some-Model-GGUF:Q4_K_M");

        var manifest = harness.Store.GetManifest("owner/some-model-gguf:q4_k_m")!;
        Assert.Equal("hf.co/owner/some-model-gguf:q4_k_m", manifest.Name);
        Assert.Equal("Q4_K_M", manifest.Quantization);
        Assert.Equal("Model-Q4_K_M.gguf", manifest.Files.Single().Name);
        Assert.Equal(0, harness.Hub.CountRequests(r => r.Path.Contains("Q8_0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PullAsync_RepositoryWithoutQuantization_ChoosesTheLargestThatFitsTheBudget()
    {
        var q8 = new FakeFile("Model-Q8_0.gguf", TestGguf.Create(4_000_000));
        var q6 = new FakeFile("Model-Q6_K.gguf", TestGguf.Create(3_000_000));
        var q4 = new FakeFile("Model-Q4_K_M.gguf", TestGguf.Create(2_000_000));

        // Room for Q4_K_M and its buffers, but not for Q6_K.
        var shape = new ModelShape("llama", 4, 256, 8, 2, 32, 32, 1000, 2048);
        var config = new Config();
        var q4Need = MemoryEstimator.Estimate(shape, q4.Content.Length, config.CtxSize, config.BatchSize).TotalBytes;
        await using var harness = await PullHarness.StartAsync(hardware: PullHarness.Machine(q4Need + 500_000));
        harness.Hub.AddRepository("owner/Model-GGUF", q8, q6, q4);

        await harness.PullAsync("owner/Model-GGUF");

        var manifest = harness.Store.GetManifest("owner/model-gguf")!;
        Assert.Equal("Q4_K_M", manifest.Quantization);
        // The header was read with a Range request (the smallest file's, whole here since it is under 4 MiB) before choosing.
        Assert.Contains(harness.Hub.Requests, r => r.Path.StartsWith("/cdn/", StringComparison.Ordinal) && r.Range == $"bytes=0-{q4.Content.Length - 1}");
        Assert.Equal(0, harness.Hub.CountRequests(r => r.Path.Contains("Q8_0", StringComparison.Ordinal) || r.Path.Contains("Q6_K", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PullAsync_NothingFits_ThrowsMemoryLimitNamingTheNeedAndTheBudget()
    {
        await using var harness = await PullHarness.StartAsync(hardware: PullHarness.Machine(50_000_000));
        harness.Hub.AddRepository("owner/Model-GGUF", new FakeFile("Model-Q8_0.gguf", TestGguf.Create(20_000)), new FakeFile("Model-Q2_K.gguf", TestGguf.Create(10_000)));

        var error = await Assert.ThrowsAsync<MemoryLimitException>(() => harness.PullAsync("owner/Model-GGUF"));

        Assert.Contains("Q2_K needs", error.Message, StringComparison.Ordinal);
        Assert.Contains("available RAM 50.0 MB", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Store.List());
    }

    [Fact]
    public async Task PullAsync_TransferDroppedHalfWay_ResumesWithARangeRequest()
    {
        await using var harness = await PullHarness.StartAsync();
        var file = new FakeFile("Model-Q4_K_M.gguf", TestGguf.Create(1_000_000));
        harness.Hub.AddRepository("owner/Model-GGUF", file);
        var half = file.Content.Length / 2;
        harness.Hub.DropOnce(file.Path, half);

        await harness.PullAsync("owner/Model-GGUF:Q4_K_M");

        var downloads = harness.Hub.Requests.Where(r => r.Path.StartsWith("/cdn/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, downloads.Count);
        Assert.Null(downloads[0].Range);
        Assert.Equal($"bytes={half}-", downloads[1].Range);
        var manifest = harness.Store.GetManifest("owner/Model-GGUF:Q4_K_M")!;
        Assert.Equal(file.Content, await File.ReadAllBytesAsync(harness.Store.BlobPath(manifest.Files[0].Digest)));
        Assert.Single(harness.BlobFiles());
    }

    [Fact]
    public async Task PullAsync_ServerIgnoresRange_StartsOverAndStillVerifies()
    {
        await using var harness = await PullHarness.StartAsync();
        var file = new FakeFile("Model-Q4_K_M.gguf", TestGguf.Create(300_000));
        harness.Hub.AddRepository("owner/Model-GGUF", file);
        harness.Hub.HonoursRange = false;
        harness.Hub.DropOnce(file.Path, 100_000);

        await harness.PullAsync("owner/Model-GGUF:Q4_K_M");

        var manifest = harness.Store.GetManifest("owner/Model-GGUF:Q4_K_M")!;
        Assert.Equal(file.Content, await File.ReadAllBytesAsync(harness.Store.BlobPath(manifest.Files[0].Digest)));
    }

    [Fact]
    public async Task PullAsync_Sha256Mismatch_FailsAndLeavesNoFile()
    {
        await using var harness = await PullHarness.StartAsync();
        var file = new FakeFile("Model-Q4_K_M.gguf", TestGguf.Create(100_000)) { ListedSha256 = Convert.ToHexStringLower(SHA256.HashData("something else"u8)) };
        harness.Hub.AddRepository("owner/Model-GGUF", file);

        var error = await Assert.ThrowsAsync<DownloadException>(() => harness.PullAsync("owner/Model-GGUF:Q4_K_M"));

        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.BlobFiles());
        Assert.Empty(harness.Store.List());
        Assert.Null(harness.Store.GetManifest("owner/Model-GGUF:Q4_K_M"));
    }

    [Fact]
    public async Task PullAsync_UnknownRepository_IsModelNotFound()
    {
        await using var harness = await PullHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => harness.PullAsync("owner/does-not-exist"));

        Assert.Contains("owner/does-not-exist", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Store.List());
    }

    [Fact]
    public async Task PullAsync_QuantizationTheRepositoryLacks_IsModelNotFoundListingWhatItHas()
    {
        await using var harness = await PullHarness.StartAsync();
        harness.Hub.AddRepository("owner/Model-GGUF", new FakeFile("Model-Q4_K_M.gguf", TestGguf.Create(1_000)));

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => harness.PullAsync("owner/Model-GGUF:Q8_0"));

        Assert.Contains("no Q8_0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Q4_K_M", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_GatedRepositoryWithoutToken_SaysThatATokenIsNeeded()
    {
        await using var harness = await PullHarness.StartAsync();
        harness.Hub.AddRepository("meta/Gated-GGUF", new FakeFile("Gated-Q4_K_M.gguf", TestGguf.Create(1_000)));
        harness.Hub.Gate("meta/Gated-GGUF", "secret");

        var error = await Assert.ThrowsAsync<DownloadException>(() => harness.PullAsync("meta/Gated-GGUF:Q4_K_M"));

        Assert.Contains("HF_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("token is needed", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Store.List());
    }

    [Fact]
    public async Task PullAsync_GatedRepositoryWithWrongToken_SaysTheTokenHasNoAccess()
    {
        await using var harness = await PullHarness.StartAsync(token: "wrong");
        harness.Hub.AddRepository("meta/Gated-GGUF", new FakeFile("Gated-Q4_K_M.gguf", TestGguf.Create(1_000)));
        harness.Hub.Gate("meta/Gated-GGUF", "secret");

        var error = await Assert.ThrowsAsync<DownloadException>(() => harness.PullAsync("meta/Gated-GGUF:Q4_K_M"));

        Assert.Contains("has no access", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_GatedRepositoryWithToken_SendsItAndSucceeds()
    {
        await using var harness = await PullHarness.StartAsync(token: "secret");
        harness.Hub.AddRepository("meta/Gated-GGUF", new FakeFile("Gated-Q4_K_M.gguf", TestGguf.Create(1_000)));
        harness.Hub.Gate("meta/Gated-GGUF", "secret");

        await harness.PullAsync("meta/Gated-GGUF:Q4_K_M");

        Assert.NotNull(harness.Store.GetManifest("meta/Gated-GGUF:Q4_K_M"));
        Assert.All(harness.Hub.Requests, r => Assert.Equal("Bearer secret", r.Authorization));
    }

    [Fact]
    public async Task PullAsync_TwoConcurrentPullsOfOneFile_ShareOneDownload()
    {
        await using var harness = await PullHarness.StartAsync();
        var file = new FakeFile("Model-Q4_K_M.gguf", TestGguf.Create(1_000_000));
        harness.Hub.AddRepository("owner/Model-GGUF", file);
        harness.Hub.ChunkDelay = TimeSpan.FromMilliseconds(40);

        var first = harness.PullAsync("owner/Model-GGUF:Q4_K_M");
        var second = harness.PullAsync("hf.co/owner/Model-GGUF:Q4_K_M");
        var results = await Task.WhenAll(first, second);

        Assert.All(results, progress => Assert.Equal("success", progress[^1].Status));
        Assert.Equal(1, harness.Hub.CountRequests(r => r.Path.StartsWith("/cdn/", StringComparison.Ordinal)));
        Assert.Single(harness.BlobFiles());
        Assert.Equal(0, harness.Downloader.ActiveCount);
    }

    [Fact]
    public async Task PullAsync_ShardedModel_DownloadsEveryShardAndLinksThemByName()
    {
        await using var harness = await PullHarness.StartAsync();
        var first = new FakeFile("Big-Q4_K_M-00001-of-00002.gguf", TestGguf.Create(5_000));
        var second = new FakeFile("Big-Q4_K_M-00002-of-00002.gguf", TestGguf.Create(6_000));
        harness.Hub.AddRepository("owner/Big-GGUF", second, first, new FakeFile("Big-Q8_0-00001-of-00002.gguf", TestGguf.Create(1_000)));

        await harness.PullAsync("owner/Big-GGUF:Q4_K_M");

        var manifest = harness.Store.GetManifest("owner/Big-GGUF:Q4_K_M")!;
        Assert.Equal([first.Path, second.Path], manifest.Files.Select(f => f.Name));
        var path = harness.Store.ModelPath(manifest);
        Assert.Equal(first.Path, Path.GetFileName(path));
        Assert.Equal(second.Content, await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(path)!, second.Path)));
    }

    [Fact]
    public async Task PullAsync_SameBlobUnderTwoNames_IsDownloadedAndStoredOnce()
    {
        await using var harness = await PullHarness.StartAsync();
        var file = new FakeFile("Model-Q4_K_M.gguf", TestGguf.Create(10_000));
        harness.Hub.AddRepository("owner/Model-GGUF", file);

        await harness.PullAsync("owner/Model-GGUF:Q4_K_M");
        await harness.PullAsync("owner/Model-GGUF");

        Assert.Equal(2, harness.Store.List().Count);
        Assert.Single(harness.BlobFiles());
        Assert.Equal(1, harness.Hub.CountRequests(r => r.Path.StartsWith("/cdn/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PullAsync_NonQuantizationTag_IsRefused()
    {
        await using var harness = await PullHarness.StartAsync();
        harness.Hub.AddRepository("owner/Model-GGUF", new FakeFile("Model-Q4_K_M.gguf", TestGguf.Create(1_000)));

        await Assert.ThrowsAsync<ValidationException>(() => harness.PullAsync("owner/Model-GGUF:v2"));
    }

    [Fact]
    public async Task ResolveAsync_AliasNotInTheStore_PullsItFirst()
    {
        await using var harness = await PullHarness.StartAsync();
        var file = new FakeFile("SmolLM2-135M-Instruct-Q4_K_M.gguf", TestGguf.Create(10_000));
        harness.Hub.AddRepository("bartowski/SmolLM2-135M-Instruct-GGUF", file);
        var resolver = new Oprel.Models.ModelResolver(harness.Config, harness.Store, harness.Puller);

        var model = await resolver.ResolveAsync("smollm2-135m", CancellationToken.None);

        Assert.Equal("smollm2-135m:latest", model.Name);
        Assert.Equal(file.Content, await File.ReadAllBytesAsync(model.Path));
        Assert.NotNull(harness.Store.GetManifest("smollm2-135m")!.LastUsedAt);
    }

    [Fact]
    public async Task ResolveAsync_WithoutPuller_SaysToPullFirst()
    {
        var config = new Config { CacheDir = Directory.CreateTempSubdirectory("oprel-resolve-").FullName };
        try
        {
            var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => new Oprel.Models.ModelResolver(config).ResolveAsync("qwencoder", CancellationToken.None));
            Assert.Contains("oprel pull qwencoder", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(config.CacheDir, recursive: true);
        }
    }

    [Fact]
    public async Task SearchAsync_Query_ReturnsTheHubsGgufModels()
    {
        await using var harness = await PullHarness.StartAsync();
        harness.Hub.AddRepository("owner/Coder-GGUF", new FakeFile("Coder-Q4_K_M.gguf", TestGguf.Create(1_000)));
        harness.Hub.AddRepository("owner/Chat-GGUF", new FakeFile("Chat-Q4_K_M.gguf", TestGguf.Create(1_000)));

        var results = await harness.Client.SearchAsync("coder", 20, CancellationToken.None);

        Assert.Equal("owner/Coder-GGUF", Assert.Single(results).Id);
        Assert.Contains(harness.Hub.Requests, r => r.Path.Contains("filter=gguf", StringComparison.Ordinal));
    }

}
