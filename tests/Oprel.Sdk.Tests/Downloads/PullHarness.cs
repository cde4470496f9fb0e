using Oprel.Downloads;
using Oprel.Hardware;
using Oprel.HuggingFace;
using Oprel.OllamaApi;
using Oprel.Store;
using Oprel.Tests.HuggingFace;

namespace Oprel.Sdk.Tests.Downloads;

/// <summary>A fake hub, an empty store in a temporary folder, and a puller wired to both, for one test.</summary>
internal sealed class PullHarness : IAsyncDisposable
{
    public static readonly DownloadPolicy FastRetries = new(4, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));

    private PullHarness(FakeHuggingFaceServer hub, string? token, HardwareInfo hardware)
    {
        Hub = hub;
        CacheDirectory = Directory.CreateTempSubdirectory("oprel-pull-tests-").FullName;
        Config = new Config { CacheDir = CacheDirectory, NGpuLayers = -1 };
        Store = new ModelStore(CacheDirectory);
        Client = new HuggingFaceClient(new HuggingFaceOptions(hub.Endpoint, token));
        Downloader = new BlobDownloader(Client, Store, FastRetries);
        Puller = new ModelPuller(Client, Store, Downloader, new FixedHardwareProbe(hardware), Config, gpuOffload: false);
    }

    public FakeHuggingFaceServer Hub { get; }

    public string CacheDirectory { get; }

    public Config Config { get; }

    public ModelStore Store { get; }

    public HuggingFaceClient Client { get; }

    public BlobDownloader Downloader { get; }

    public ModelPuller Puller { get; }

    /// <summary>A machine with 64 GB of free memory and no GPU.</summary>
    public static HardwareInfo Roomy { get; } = Machine(64_000_000_000);

    public static HardwareInfo Machine(long availableRam) => new(
        "test",
        new CpuInfo(8, 4, "test CPU", true, true, false),
        new MemoryInfo(availableRam, availableRam, null, "test"),
        [],
        []);

    public static async Task<PullHarness> StartAsync(string? token = null, HardwareInfo? hardware = null) =>
        new(await FakeHuggingFaceServer.StartAsync(), token, hardware ?? Roomy);

    public async Task<List<OllamaProgressResponse>> PullAsync(string identifier, int? maxMemoryMb = null)
    {
        var progress = new List<OllamaProgressResponse>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var item in Puller.PullAsync(identifier, maxMemoryMb, timeout.Token))
        {
            progress.Add(item);
        }

        return progress;
    }

    /// <summary>Every file under the store's blobs folder (complete and partial).</summary>
    public string[] BlobFiles() => Directory.Exists(Store.BlobsDirectory) ? Directory.GetFiles(Store.BlobsDirectory) : [];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Hub.DisposeAsync();
        Directory.Delete(CacheDirectory, recursive: true);
    }
}
