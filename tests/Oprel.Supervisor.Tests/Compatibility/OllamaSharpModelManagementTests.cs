using System.Security.Cryptography;
using OllamaSharp;
using OllamaSharp.Models;
using Oprel.Supervisor.Tests.EndToEnd;

namespace Oprel.Supervisor.Tests.Compatibility;

/// <summary>OllamaSharp's model management against a real Oprel server: tags, show, copy, create, blobs, delete.</summary>
public sealed class OllamaSharpModelManagementTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private OllamaApiClient Client() => new(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}"), Timeout = TimeSpan.FromMinutes(2) }, "tiny");

    [Fact]
    public async Task ListLocalModels_IncludesTinyWithDetails()
    {
        using var client = Client();
        var models = (await client.ListLocalModelsAsync()).ToList();
        var tiny = Assert.Single(models, m => m.Name == "tiny:latest");
        Assert.Equal("llama", tiny.Details.Family);
        Assert.Equal("gguf", tiny.Details.Format);
        Assert.Equal("F16", tiny.Details.QuantizationLevel);
        Assert.False(string.IsNullOrEmpty(tiny.Details.ParameterSize));
        Assert.True(tiny.Size > 1_000_000);
    }

    [Fact]
    public async Task ShowModel_Tiny_HasTemplateInfoAndCapabilities()
    {
        using var client = Client();
        var show = await client.ShowModelAsync(new ShowModelRequest { Model = "tiny" });
        Assert.Contains("<|im_start|>", show.Template, StringComparison.Ordinal);
        Assert.Contains("FROM ", show.Modelfile, StringComparison.Ordinal);
        Assert.Equal("llama", show.Info.Architecture);
        Assert.True(show.Info.ParameterCount > 0);
        Assert.Contains("completion", show.Capabilities!);
    }

    [Fact]
    public async Task ShowModel_Unknown_Fails()
    {
        using var client = Client();
        await Assert.ThrowsAnyAsync<Exception>(() => client.ShowModelAsync(new ShowModelRequest { Model = "no-such-model" }));
    }

    [Fact]
    public async Task CopyThenDelete_ManageANewName()
    {
        using var client = Client();
        await client.CopyModelAsync(new CopyModelRequest { Source = "tiny", Destination = "mytiny:v1" });
        Assert.Contains(await client.ListLocalModelsAsync(), m => m.Name == "mytiny:v1");

        var answer = await FirstAsync(client.GenerateAsync(new GenerateRequest { Model = "mytiny:v1", Prompt = "hi", Stream = false, Options = new RequestOptions { NumPredict = 5 } }));
        Assert.True(answer!.Done);

        await client.DeleteModelAsync(new DeleteModelRequest { Model = "mytiny:v1" });
        Assert.DoesNotContain(await client.ListLocalModelsAsync(), m => m.Name == "mytiny:v1");
        await Assert.ThrowsAnyAsync<Exception>(() => client.DeleteModelAsync(new DeleteModelRequest { Model = "mytiny:v1" }));
    }

    [Fact]
    public async Task CreateModel_FromTinyWithSystemAndParameters_IsShownAndUsed()
    {
        using var client = Client();
        var statuses = new List<string>();
        await foreach (var status in client.CreateModelAsync(new CreateModelRequest
        {
            Model = "storyteller",
            From = "tiny",
            System = "You tell stories about foxes.",
            Parameters = new Dictionary<string, object> { ["temperature"] = 0, ["num_predict"] = 12 },
        }))
        {
            statuses.Add(status!.Status);
        }

        Assert.Equal("success", statuses[^1]);
        var show = await client.ShowModelAsync(new ShowModelRequest { Model = "storyteller" });
        Assert.Equal("You tell stories about foxes.", show.System);
        Assert.Contains("temperature", show.Parameters, StringComparison.Ordinal);
        Assert.Contains("SYSTEM", show.Modelfile, StringComparison.Ordinal);

        var first = await FirstAsync(client.GenerateAsync(new GenerateRequest { Model = "storyteller", Prompt = "go", Stream = false }));
        var second = await FirstAsync(client.GenerateAsync(new GenerateRequest { Model = "storyteller", Prompt = "go", Stream = false }));
        Assert.Equal(first!.Response, second!.Response);
        Assert.True(((GenerateDoneResponseStream)first).EvalCount <= 12);
    }

    [Fact]
    public async Task PushBlobThenCreateFromFiles_Works()
    {
        using var client = Client();
        var tinyPath = Directory.GetFiles(server.CacheDirectory, "tiny.gguf", SearchOption.AllDirectories).FirstOrDefault()
            ?? await EnsureTinyAsync(client);
        var bytes = await File.ReadAllBytesAsync(tinyPath);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

        await client.PushBlobAsync(digest, bytes);
        Assert.True(await client.IsBlobExistsAsync(digest));
        Assert.False(await client.IsBlobExistsAsync("sha256:" + new string('0', 64)));

        var statuses = new List<string>();
        await foreach (var status in client.CreateModelAsync(new CreateModelRequest { Model = "uploaded", Files = new Dictionary<string, string> { ["model.gguf"] = digest } }))
        {
            statuses.Add(status!.Status);
        }

        Assert.Equal("success", statuses[^1]);
        Assert.Contains(await client.ListLocalModelsAsync(), m => m.Name == "uploaded:latest");
    }

    private async Task<string> EnsureTinyAsync(OllamaApiClient client)
    {
        await client.ListLocalModelsAsync();
        return Directory.GetFiles(server.CacheDirectory, "tiny.gguf", SearchOption.AllDirectories)[0];
    }

    private static async Task<T?> FirstAsync<T>(IAsyncEnumerable<T?> source)
    {
        await foreach (var item in source)
        {
            return item;
        }

        return default;
    }
}
