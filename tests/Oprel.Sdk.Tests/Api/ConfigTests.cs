namespace Oprel.Sdk.Tests.Api;

public sealed class ConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oprel-config-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SaveThenFromFile_RoundTripsEverySetting()
    {
        var config = new Config
        {
            CacheDir = "/data/models",
            BinaryDir = "/opt/llama-cuda",
            DefaultMaxMemoryMb = 8192,
            CtxSize = 4096,
            BatchSize = 512,
            NThreads = 8,
            NGpuLayers = -1,
            ServerPort = 12345,
        };
        var path = Path.Combine(_directory, "sub", "config.yaml");

        config.Save(path);
        var loaded = Config.FromFile(path);

        Assert.Equal(config.CacheDir, loaded.CacheDir);
        Assert.Equal(config.BinaryDir, loaded.BinaryDir);
        Assert.Equal(config.DefaultMaxMemoryMb, loaded.DefaultMaxMemoryMb);
        Assert.Equal(config.CtxSize, loaded.CtxSize);
        Assert.Equal(config.BatchSize, loaded.BatchSize);
        Assert.Equal(config.NThreads, loaded.NThreads);
        Assert.Equal(config.NGpuLayers, loaded.NGpuLayers);
        Assert.Equal(config.ServerPort, loaded.ServerPort);
        Assert.Contains("default_max_memory_mb: 8192", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_SnakeCaseYamlAsInTheSeed_IsRead()
    {
        var path = Path.Combine(_directory, "seed.yaml");
        File.WriteAllText(path, "cache_dir: /path/to/cache\nctx_size: 2048\nn_gpu_layers: 10\n");
        var config = Config.FromFile(path);
        Assert.Equal("/path/to/cache", config.CacheDir);
        Assert.Equal(2048, config.CtxSize);
        Assert.Equal(10, config.NGpuLayers);
        Assert.Equal(512, config.BatchSize);
    }

    [Fact]
    public void FromFile_InvalidYaml_RaisesValidation()
    {
        var path = Path.Combine(_directory, "bad.yaml");
        File.WriteAllText(path, "ctx_size: [not a number\n");
        Assert.Throws<ValidationException>(() => Config.FromFile(path));
    }

    [Fact]
    public void FromFile_OutOfRangeValue_RaisesValidation()
    {
        var path = Path.Combine(_directory, "range.yaml");
        File.WriteAllText(path, "ctx_size: 2\n");
        Assert.Throws<ValidationException>(() => Config.FromFile(path));
    }

    [Fact]
    public void Default_HasTheSeedsDefaults()
    {
        var config = Config.Default();
        Assert.Equal(4096, config.CtxSize);
        Assert.Equal(512, config.BatchSize);
        Assert.Equal(-1, config.NGpuLayers);
    }
}
