using System.Security.Cryptography;
using Oprel.Gguf;
using Oprel.Models.Tiny;
using Oprel.Sdk.Tests.Gguf;

namespace Oprel.Sdk.Tests.Models.Tiny;

public sealed class TinyModelTests
{
    private const string ExpectedSha256 = "fd7711794350b6a73ce6b491483cd4a996e54f2c91a928b191a1687e11b17f4d";

    [Fact]
    public void CreateWriter_Written_IsUnderEightMegabytesAndMatchesFileSize()
    {
        var bytes = Build();

        Assert.True(bytes.Length < 8 * 1024 * 1024, $"tiny.gguf is {bytes.Length} bytes.");
        Assert.Equal(TinyModel.FileSize, bytes.Length);
    }

    [Fact]
    public void CreateWriter_WrittenTwice_GivesIdenticalBytesWithPinnedSha256()
    {
        var first = Convert.ToHexStringLower(SHA256.HashData(Build()));
        var second = Convert.ToHexStringLower(SHA256.HashData(Build()));

        Assert.Equal(first, second);
        Assert.Equal(ExpectedSha256, first);
        Assert.Equal(ExpectedSha256, TinyModel.Sha256);
    }

    [Fact]
    public void CreateWriter_Written_ReadsBackAsLlamaModelWithChatMl()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File(TinyModel.FileName);
        TinyModel.CreateWriter().WriteTo(path);

        var file = GgufReader.Read(path);

        Assert.Equal("llama", file.Architecture);
        Assert.Equal(TinyModel.Name, file.GetString("general.name"));
        Assert.Equal("llama", file.GetString("tokenizer.ggml.model"));
        Assert.Equal(TinyModel.ChatTemplate, file.GetString("tokenizer.chat_template"));
        var tokens = file.GetStringArray("tokenizer.ggml.tokens");
        Assert.NotNull(tokens);
        Assert.Equal(tokens.Count, file.GetInteger("llama.vocab_size"));
        Assert.Equal("<|im_end|>", tokens[(int)file.GetInteger("tokenizer.ggml.eos_token_id")!.Value]);
        Assert.Equal("<s>", tokens[(int)file.GetInteger("tokenizer.ggml.bos_token_id")!.Value]);
        Assert.Contains("\u2581fox", tokens);
        Assert.Equal([(ulong)TinyHyperparameters.EmbeddingLength, (ulong)tokens.Count], file.GetTensor("output.weight")!.Dimensions);
    }

    [Fact]
    public async Task EnsureAsync_EmptyDirectory_WritesModelIntoIt()
    {
        using var directory = new TemporaryDirectory();
        var target = Path.Combine(directory.Path, "models", "nested");

        var path = await TinyModel.EnsureAsync(target, CancellationToken.None);

        Assert.Equal(Path.Combine(target, TinyModel.FileName), path);
        Assert.Equal(TinyModel.FileSize, new FileInfo(path).Length);
        Assert.Equal([TinyModel.FileName], Directory.GetFiles(target).Select(Path.GetFileName));
    }

    [Fact]
    public async Task EnsureAsync_CalledTwice_KeepsTheFirstFile()
    {
        using var directory = new TemporaryDirectory();
        var first = await TinyModel.EnsureAsync(directory.Path, CancellationToken.None);
        var stamp = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(first, stamp);

        var second = await TinyModel.EnsureAsync(directory.Path, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(second));
        Assert.Equal([TinyModel.FileName], directory.FileNames());
    }

    [Fact]
    public async Task EnsureAsync_FileOfWrongSize_RewritesIt()
    {
        using var directory = new TemporaryDirectory();
        await File.WriteAllTextAsync(directory.File(TinyModel.FileName), "truncated");

        var path = await TinyModel.EnsureAsync(directory.Path, CancellationToken.None);

        Assert.Equal(TinyModel.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))));
    }

    [Fact]
    public async Task EnsureAsync_ConcurrentCalls_AllReturnTheCompleteFile()
    {
        using var directory = new TemporaryDirectory();

        var paths = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(_ => Task.Run(() => TinyModel.EnsureAsync(directory.Path, CancellationToken.None))));

        Assert.Single(paths.Distinct(StringComparer.Ordinal));
        Assert.Equal(TinyModel.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(paths[0]))));
        Assert.Equal([TinyModel.FileName], directory.FileNames());
    }

    [Fact]
    public async Task EnsureAsync_Cancelled_ThrowsAndLeavesNoFile()
    {
        using var directory = new TemporaryDirectory();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TinyModel.EnsureAsync(directory.Path, new CancellationToken(canceled: true)));

        Assert.Empty(directory.FileNames());
    }

    private static byte[] Build()
    {
        using var stream = new MemoryStream();
        TinyModel.CreateWriter().WriteTo(stream);
        return stream.ToArray();
    }
}
