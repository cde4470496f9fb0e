using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Oprel.Supervisor.Tests.EndToEnd;

/// <summary>`oprel pull` and /api/pull through a real `oprel serve` whose Hugging Face is a fake hub on 127.0.0.1, then generation with the pulled model.</summary>
public sealed class PullEndToEndTests(HuggingFaceServerFixture fixture) : IClassFixture<HuggingFaceServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task PullThenRun_HuggingFaceRepositoryWithQuantization_DownloadsAndGenerates()
    {
        var environment = fixture.Server.Environment;

        var pull = await OprelProcess.RunAsync(["pull", $"hf.co/{HuggingFaceServerFixture.Repository}:Q4_K_M"], environment, Timeout);
        Assert.True(pull.ExitCode == 0, $"pull failed: {pull.Output} {pull.Error}");
        Assert.Contains("pulling manifest", pull.Output, StringComparison.Ordinal);
        Assert.Contains("downloading Tiny-Q4_K_M.gguf: 100%", pull.Output, StringComparison.Ordinal);
        Assert.EndsWith("success\n", pull.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        var run = await OprelProcess.RunAsync(["run", $"hf.co/{HuggingFaceServerFixture.Repository}:Q4_K_M", "Tell me a story about a fox."], environment, Timeout);
        Assert.True(run.ExitCode == 0, $"run failed: {run.Output} {run.Error}");
        Assert.Matches("[a-z]+ [a-z]+", run.Output);

        var list = await OprelProcess.RunAsync(["cache", "list"], environment, Timeout);
        Assert.Contains("hf.co/owner/tiny-gguf:q4_k_m", list.Output, StringComparison.Ordinal);
        Assert.Contains("Q4_K_M", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiPull_Streaming_SendsOllamaProgressObjects()
    {
        var lines = await PostLinesAsync("/api/pull", $$"""{"model":"{{HuggingFaceServerFixture.Repository}}:Q8_0"}""");

        Assert.Equal("pulling manifest", lines[0]["status"]!.GetValue<string>());
        var downloading = lines.Where(l => l["status"]!.GetValue<string>().StartsWith("downloading ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(downloading);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(fixture.TinyBytes));
        Assert.All(downloading, l => Assert.Equal(digest, l["digest"]!.GetValue<string>()));
        Assert.Equal(fixture.TinyBytes.Length, downloading[^1]["total"]!.GetValue<long>());
        Assert.Equal(fixture.TinyBytes.Length, downloading[^1]["completed"]!.GetValue<long>());
        Assert.Equal(["verifying sha256 digest", "writing manifest", "success"], lines[^3..].Select(l => l["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ApiPull_NotStreaming_AnswersOneSuccessObject()
    {
        using var response = await fixture.Server.Http.PostAsync("/api/pull", Json($$"""{"model":"{{HuggingFaceServerFixture.Repository}}:Q4_K_M","stream":false}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"success"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApiPull_UnknownRepository_Is404WithOllamaError()
    {
        using var response = await fixture.Server.Http.PostAsync("/api/pull", Json("""{"model":"owner/no-such-repo"}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("owner/no-such-repo", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiPull_NameThatWouldEscapeTheStore_Is400()
    {
        using var response = await fixture.Server.Http.PostAsync("/api/pull", Json("""{"model":"../../etc/passwd"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Generate_RepositoryNotInTheStore_PullsItFirst()
    {
        using var response = await fixture.Server.Http.PostAsync(
            "/api/generate",
            Json($$$"""{"model":"hf.co/{{{HuggingFaceServerFixture.Repository}}}","prompt":"the river","stream":false,"options":{"num_predict":10,"temperature":0}}"""));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.False(string.IsNullOrWhiteSpace(JsonNode.Parse(body)!["response"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Generate_ModelAboveMaxMemory_Is507SayingWhatItNeeds()
    {
        using var response = await fixture.Server.Http.PostAsync(
            "/api/generate",
            Json("""{"model":"tiny","prompt":"hi","stream":false,"options":{"max_memory_mb":1}}"""));

        Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        Assert.Contains("needs", error, StringComparison.Ordinal);
        Assert.Contains("max_memory_mb 1", error, StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<List<JsonNode>> PostLinesAsync(string path, string body)
    {
        using var response = await fixture.Server.Http.PostAsync(path, Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)];
    }
}
