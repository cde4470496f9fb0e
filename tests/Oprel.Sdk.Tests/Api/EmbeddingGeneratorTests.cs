using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Oprel.AI;

namespace Oprel.Sdk.Tests.Api;

/// <summary>Oprel's embeddings through Microsoft.Extensions.AI's IEmbeddingGenerator.</summary>
public sealed class EmbeddingGeneratorTests(SdkServerFixture server) : IClassFixture<SdkServerFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => server.EnsureStartedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GenerateAsync_FromDi_GivesOneNormalisedVectorPerInput()
    {
        var services = new ServiceCollection().AddOprel(o => { o.Host = server.Host; o.Model = "tiny"; });
        await using var provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(["the fox", "the owl", "the fox"]);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e => Assert.InRange(Math.Sqrt(e.Vector.ToArray().Sum(x => (double)x * x)), 0.999, 1.001));
        Assert.Equal(embeddings[0].Vector.ToArray(), embeddings[2].Vector.ToArray());
        Assert.NotEqual(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
        Assert.True(embeddings.Usage?.InputTokenCount > 0);
    }

    [Fact]
    public async Task GenerateAsync_UnknownModel_RaisesModelNotFound()
    {
        using var generator = new OprelEmbeddingGenerator("nonexistent", server.Host);
        await Assert.ThrowsAsync<ModelNotFoundException>(() => generator.GenerateAsync(["x"]));
    }
}
