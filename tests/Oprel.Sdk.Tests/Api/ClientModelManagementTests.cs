namespace Oprel.Sdk.Tests.Api;

/// <summary>The seed's list/show/create/delete examples through Client and AsyncClient.</summary>
public sealed class ClientModelManagementTests(SdkServerFixture server) : IClassFixture<SdkServerFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => server.EnsureStartedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void List_IncludesTiny()
    {
        using var client = new Client(server.Host);
        var models = client.List();
        var tiny = Assert.Single(models.Models, m => m.Name == "tiny:latest");
        Assert.Equal("llama", tiny.Details?.Family);
        Assert.Equal("tiny:latest", models["models"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Show_GivesModelfileTemplateAndInfo()
    {
        using var client = new Client(server.Host);
        var info = client.Show("tiny");
        Assert.Contains("FROM", info.Modelfile, StringComparison.Ordinal);
        Assert.Contains("im_start", info.Template, StringComparison.Ordinal);
        Assert.Equal("llama", info.ModelInfo?["general.architecture"]?.GetValue<string>());
        Assert.Contains("completion", info.Capabilities!);
    }

    [Fact]
    public void CreateThenDelete_FromAModelfile()
    {
        using var client = new Client(server.Host);
        var created = client.Create("sdk-story", "FROM tiny\nSYSTEM \"\"\"You tell stories.\"\"\"\nPARAMETER temperature 0\n");
        Assert.Equal("success", created.Status);
        Assert.Equal("You tell stories.", client.Show("sdk-story").System);
        Assert.Contains(client.List().Models, m => m.Name == "sdk-story:latest");

        Assert.Equal("success", client.Delete("sdk-story").Status);
        Assert.DoesNotContain(client.List().Models, m => m.Name == "sdk-story:latest");
        Assert.Throws<ModelNotFoundException>(() => client.Delete("sdk-story"));
    }

    [Fact]
    public async Task AsyncClient_ListShowAndUnknownPull()
    {
        using var client = new AsyncClient(server.Host);
        Assert.Contains((await client.ListAsync()).Models, m => m.Name == "tiny:latest");
        Assert.Equal("llama", (await client.ShowAsync("tiny")).Details?.Family);
        await Assert.ThrowsAsync<ModelNotFoundException>(() => client.ShowAsync("nonexistent"));
        await Assert.ThrowsAnyAsync<OprelException>(() => client.PullAsync("no-such-owner/no-such-repo"));
    }
}
