using System.Security.Cryptography;
using Oprel.Store;

namespace Oprel.Sdk.Tests.Store;

/// <summary>The content-addressed store: blobs, manifests, copies that share blobs, deletion with collection, and names that cannot escape.</summary>
public sealed class ModelStoreTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("oprel-store-").FullName;

    [Fact]
    public async Task AddBlobAsync_Content_IsStoredUnderItsSha256()
    {
        var store = new ModelStore(_cache);
        var bytes = "GGUF and more"u8.ToArray();

        var digest = await store.AddBlobAsync(new MemoryStream(bytes), null, CancellationToken.None);

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), digest);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(store.BlobPath(digest)));
        Assert.Single(Directory.GetFiles(store.BlobsDirectory));
    }

    [Fact]
    public async Task AddBlobAsync_WrongExpectedDigest_StoresNothing()
    {
        var store = new ModelStore(_cache);

        await Assert.ThrowsAsync<ValidationException>(() => store.AddBlobAsync(new MemoryStream([1, 2, 3]), "sha256:" + new string('0', 64), CancellationToken.None));

        Assert.Empty(Directory.GetFiles(store.BlobsDirectory));
    }

    [Fact]
    public async Task Copy_Model_SharesItsBlobAndListsBothNames()
    {
        var store = new ModelStore(_cache);
        await AddModelAsync(store, "qwencoder:q4_k_m", [1, 2, 3]);

        store.Copy("qwencoder:Q4_K_M", "my-coder");

        var models = store.List();
        Assert.Equal(["my-coder:latest", "qwencoder:q4_k_m"], models.Select(m => m.Name));
        Assert.Equal(models[0].Manifest.Files, models[1].Manifest.Files);
        Assert.Single(Directory.GetFiles(store.BlobsDirectory));
    }

    [Fact]
    public async Task Delete_OneOfTwoNames_KeepsTheSharedBlobUntilTheLastGoes()
    {
        var store = new ModelStore(_cache);
        var manifest = await AddModelAsync(store, "a:latest", [9, 9, 9]);
        store.Copy("a", "b");

        Assert.True(store.Delete("a"));
        Assert.True(store.HasBlob(manifest.Files[0].Digest));
        Assert.True(store.Delete("b:latest"));
        Assert.False(store.HasBlob(manifest.Files[0].Digest));
        Assert.False(store.Delete("b"));
        Assert.Empty(store.List());
    }

    [Fact]
    public void WriteManifest_BlobMissing_IsRefused()
    {
        var store = new ModelStore(_cache);

        Assert.Throws<ValidationException>(() => store.WriteManifest(new ModelManifest
        {
            Name = "ghost",
            Files = [new ManifestFile("sha256:" + new string('1', 64), 3, "ghost.gguf")],
        }));
        Assert.Empty(store.List());
    }

    [Fact]
    public async Task List_PartialDownloadAndBrokenManifest_AreNotModels()
    {
        var store = new ModelStore(_cache);
        await AddModelAsync(store, "whole", [1]);
        File.WriteAllBytes(store.PartialPath("sha256:" + new string('2', 64)), [1, 2]);
        Directory.CreateDirectory(Path.Combine(store.ManifestsDirectory, "broken"));
        File.WriteAllText(Path.Combine(store.ManifestsDirectory, "broken", "latest.json"), "{ not json");

        Assert.Equal(["whole:latest"], store.List().Select(m => m.Name));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("a:../../x")]
    [InlineData("hf.co/x/..")]
    [InlineData("/tmp/model.gguf")]
    public void Operations_NamesThatWouldEscape_AreValidationErrors(string name)
    {
        var store = new ModelStore(_cache);

        Assert.Throws<ValidationException>(() => store.GetManifest(name));
        Assert.Throws<ValidationException>(() => store.Delete(name));
    }

    [Fact]
    public async Task WriteManifest_UnsafeFileName_IsRefused()
    {
        var store = new ModelStore(_cache);
        var digest = await store.AddBlobAsync(new MemoryStream([5]), null, CancellationToken.None);

        Assert.Throws<ValidationException>(() => store.WriteManifest(new ModelManifest { Name = "x", Files = [new ManifestFile(digest, 1, "../../evil.gguf")] }));
    }

    [Fact]
    public async Task MarkUsed_Model_RecordsWhen()
    {
        var store = new ModelStore(_cache);
        await AddModelAsync(store, "used", [7]);

        store.MarkUsed("used");

        Assert.NotNull(store.GetManifest("used")!.LastUsedAt);
    }

    [Fact]
    public async Task Clear_Everything_LeavesNoModelOrBlob()
    {
        var store = new ModelStore(_cache);
        await AddModelAsync(store, "one", [1]);
        await AddModelAsync(store, "two", [2]);

        Assert.Equal(2, store.Clear());

        Assert.Empty(store.List());
        Assert.False(Directory.Exists(store.BlobsDirectory));
    }

    [Fact]
    public async Task ModelPath_BlobDeletedByHand_SaysToPullAgain()
    {
        var store = new ModelStore(_cache);
        var manifest = await AddModelAsync(store, "gone", [3]);
        File.Delete(store.BlobPath(manifest.Files[0].Digest));

        var error = Assert.Throws<ModelNotFoundException>(() => store.ModelPath(manifest));
        Assert.Contains("pull it again", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private static async Task<ModelManifest> AddModelAsync(ModelStore store, string name, byte[] bytes)
    {
        var digest = await store.AddBlobAsync(new MemoryStream(bytes), null, CancellationToken.None);
        var manifest = new ModelManifest { Name = name, Quantization = "Q4_K_M", Files = [new ManifestFile(digest, bytes.Length, "model.gguf")], CreatedAt = DateTimeOffset.UtcNow };
        store.WriteManifest(manifest);
        return store.GetManifest(name)!;
    }
}
