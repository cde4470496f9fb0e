namespace Oprel.Sdk.Tests.Api;

/// <summary>The seed's Model examples in direct mode: the engine in this process.</summary>
public sealed class ModelDirectModeTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("oprel-direct-tests-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public void LoadGenerateUnload_DirectMode_Works()
    {
        using var model = new Model("tiny", useServer: false, config: Config());
        Assert.False(model.IsLoaded);
        model.Load();
        Assert.True(model.IsLoaded);
        var response = model.Generate("prompt", maxTokens: 20);
        Assert.Matches("[a-z]+ [a-z]+", response);
        model.Unload();
        Assert.False(model.IsLoaded);
    }

    [Fact]
    public void Generate_DirectModeWithoutLoad_SaysLoadIsNeeded()
    {
        using var model = new Model("tiny", useServer: false, config: Config());
        var error = Assert.Throws<ValidationException>(() => model.Generate("hi"));
        Assert.Contains("Load()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_DirectMode_SecondTurnSeesTheFirst()
    {
        await using var model = new Model("tiny", useServer: false, config: Config());
        await model.LoadAsync();
        await model.GenerateAsync("My name is Alice", conversationId: "c", systemPrompt: "Be brief.", maxTokens: 6);
        await model.GenerateAsync("What's my name?", conversationId: "c", maxTokens: 6);
        Assert.Equal(5, model.GetConversation("c").Count);
    }

    [Fact]
    public async Task GenerateStreamAsync_DirectMode_Streams()
    {
        await using var model = new Model("tiny", useServer: false, config: Config());
        await model.LoadAsync();
        var pieces = new List<string>();
        await foreach (var piece in model.GenerateStreamAsync("Write a story", maxTokens: 15))
        {
            pieces.Add(piece);
        }

        Assert.True(pieces.Count > 1);
    }

    [Fact]
    public void Load_UnknownModel_RaisesModelNotFound()
    {
        using var model = new Model("nonexistent", useServer: false, config: Config());
        Assert.Throws<ModelNotFoundException>(model.Load);
    }

    [Fact]
    public void Load_TruncatedGguf_RaisesValidation()
    {
        var path = Path.Combine(_cache, "broken.gguf");
        File.WriteAllBytes(path, [0x47, 0x47, 0x55, 0x46, 3, 0, 0]);
        using var model = new Model(path, useServer: false, config: Config());
        var error = Assert.Throws<ValidationException>(model.Load);
        Assert.Contains("GGUF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MaxMemoryBelowTheWeights_RaisesMemoryLimitBeforeLoading()
    {
        using var model = new Model("tiny", maxMemoryMb: 1, useServer: false, config: Config());
        Assert.Throws<MemoryLimitException>(model.Load);
        Assert.False(model.IsLoaded);
    }

    [Theory]
    [InlineData(0, 0.7f, 0.9f, 40)]
    [InlineData(10, -0.1f, 0.9f, 40)]
    [InlineData(10, 2.1f, 0.9f, 40)]
    [InlineData(10, 0.7f, 1.5f, 40)]
    [InlineData(10, 0.7f, -0.5f, 40)]
    [InlineData(10, 0.7f, 0.9f, -1)]
    public void Generate_OutOfRangeArguments_RaiseValidationBeforeAnyWork(int maxTokens, float temperature, float topP, int topK)
    {
        using var model = new Model("tiny", useServer: false, config: Config());
        Assert.Throws<ValidationException>(() => model.Generate("hi", maxTokens, temperature, topP, topK));
        Assert.Throws<ValidationException>(() => model.GenerateStream("hi", maxTokens, temperature, topP, topK));
        Assert.False(model.IsLoaded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_EmptyModel_RaisesValidation(string identifier) =>
        Assert.Throws<ValidationException>(() => new Model(identifier, useServer: false, config: Config()));

    [Fact]
    public void Constructor_UnknownBackendOrQuantization_RaisesValidation()
    {
        Assert.Throws<ValidationException>(() => new Model("tiny", backend: "onnx", useServer: false, config: Config()));
        Assert.Throws<ValidationException>(() => new Model("tiny", quantization: "Q9_X", useServer: false, config: Config()));
    }

    private Config Config() => new() { CacheDir = _cache, CtxSize = 1024 };
}
