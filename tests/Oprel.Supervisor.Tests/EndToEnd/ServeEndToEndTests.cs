using System.Diagnostics;
using System.IO.Pipes;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Oprel.OllamaApi;
using Oprel.Rpc;

namespace Oprel.Supervisor.Tests.EndToEnd;

/// <summary>A real `oprel serve` with real worker processes and the built-in tiny model, driven over HTTP and its pipe.</summary>
public sealed class ServeEndToEndTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Version_AnswersWithAVersion()
    {
        var version = await server.Http.GetFromJsonAsync<JsonObject>("/api/version");
        Assert.False(string.IsNullOrEmpty(version!["version"]!.GetValue<string>()));
        Assert.Equal("Oprel is running", await server.Http.GetStringAsync("/"));
    }

    [Fact]
    public async Task Generate_Streaming_SendsNdjsonLinesEndingWithStats()
    {
        var lines = await PostLinesAsync("/api/generate", """{"model":"tiny","prompt":"Tell me a story about a fox.","options":{"num_predict":40,"seed":1}}""");

        Assert.True(lines.Count > 2, $"expected several chunks, got {lines.Count}");
        Assert.All(lines[..^1], line => Assert.False(line["done"]!.GetValue<bool>()));
        var last = lines[^1];
        Assert.True(last["done"]!.GetValue<bool>());
        Assert.Contains(last["done_reason"]!.GetValue<string>(), new[] { "stop", "length" });
        Assert.True(last["eval_count"]!.GetValue<int>() > 0);
        Assert.True(last["prompt_eval_count"]!.GetValue<int>() > 0);
        Assert.True(last["total_duration"]!.GetValue<long>() >= last["eval_duration"]!.GetValue<long>());
        var text = string.Concat(lines.Select(l => l["response"]!.GetValue<string>()));
        Assert.Matches("[a-z]+ [a-z]+", text);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_NotStreaming_AnswersOneObject()
    {
        using var response = await server.Http.PostAsync(
            "/api/chat",
            Json("""{"model":"tiny","stream":false,"messages":[{"role":"user","content":"Why is the sky blue?"}],"options":{"num_predict":20,"temperature":0}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["done"]!.GetValue<bool>());
        Assert.Equal("assistant", body["message"]!["role"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["message"]!["content"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Generate_SameSeedAndZeroTemperature_IsDeterministic()
    {
        const string request = """{"model":"tiny","prompt":"the river","stream":false,"options":{"num_predict":25,"temperature":0,"seed":42}}""";
        var first = await PostObjectAsync("/api/generate", request);
        var second = await PostObjectAsync("/api/generate", request);
        Assert.Equal(first["response"]!.GetValue<string>(), second["response"]!.GetValue<string>());
    }

    [Fact]
    public async Task Generate_UnknownModel_Is404WithOllamaError()
    {
        using var response = await server.Http.PostAsync("/api/generate", Json("""{"model":"no-such-model","prompt":"hi"}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model 'no-such-model' not found", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"model\":\"tiny\",\"prompt\":", "invalid JSON")]
    [InlineData("{\"model\":\"tiny\",\"prompt\":42}", "invalid value")]
    [InlineData("{\"prompt\":\"hi\"}", "model is required")]
    [InlineData("{\"model\":\"tiny\",\"prompt\":\"hi\",\"options\":{\"temperature\":9}}", "temperature")]
    [InlineData("{\"model\":\"tiny\",\"prompt\":\"hi\",\"keep_alive\":\"soon\"}", "keep_alive")]
    public async Task Generate_BadInput_Is400SayingWhatIsWrong(string body, string expected)
    {
        using var response = await server.Http.PostAsync("/api/generate", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/copy", "{\"source\":\"tiny\"}", HttpStatusCode.BadRequest, "source and destination")]
    [InlineData("/api/copy", "{\"source\":\"nope\",\"destination\":\"x\"}", HttpStatusCode.NotFound, "not found")]
    [InlineData("/api/show", "{\"model\":\"nope\"}", HttpStatusCode.NotFound, "not found")]
    [InlineData("/api/show", "{\"model\":\"../../etc/passwd\"}", HttpStatusCode.BadRequest, "")]
    [InlineData("/api/create", "{\"model\":\"x\",\"modelfile\":\"FROM tiny\\nBOGUS 1\"}", HttpStatusCode.BadRequest, "unknown instruction")]
    [InlineData("/api/create", "{\"model\":\"x\",\"from\":\"tiny\",\"template\":\"{{ if .System }}{{ .System }}{{ end }}\"}", HttpStatusCode.BadRequest, "Jinja")]
    [InlineData("/api/create", "{\"model\":\"x\"}", HttpStatusCode.BadRequest, "base model")]
    [InlineData("/api/blobs/sha256:abc", "x", HttpStatusCode.BadRequest, "digest")]
    public async Task ModelManagement_BadInput_GetsAClearError(string path, string body, HttpStatusCode status, string expected)
    {
        using var response = await server.Http.PostAsync(path, Json(body));
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_UnknownModel_Is404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/delete") { Content = Json("{\"model\":\"nope\"}") };
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Generate_OwnJinjaTemplate_IsUsed_GoTemplateIs400()
    {
        var answer = await PostObjectAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false,\"template\":\"{% for m in messages %}{{ m.content }} {% endfor %}\",\"options\":{\"num_predict\":5}}");
        Assert.True(answer["done"]!.GetValue<bool>());
        Assert.True(answer["prompt_eval_count"]!.GetValue<int>() < 5, "the one-word template should give a short prompt");

        using var bad = await server.Http.PostAsync("/api/generate", Json("{\"model\":\"tiny\",\"prompt\":\"hi\",\"template\":\"{{ .Prompt }\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("TEMPLATE", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_InvalidRole_Is400()
    {
        using var response = await server.Http.PostAsync("/api/chat", Json("""{"model":"tiny","messages":[{"role":"wizard","content":"hi"}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid role", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KilledWorker_ServerSurvives_NextRequestGetsANewWorker()
    {
        await PostObjectAsync("/api/generate", """{"model":"tiny","prompt":"hello","stream":false,"options":{"num_predict":3}}""");
        var firstPid = await WorkerPidAsync();
        using (var worker = Process.GetProcessById(firstPid))
        {
            worker.Kill();
            await worker.WaitForExitAsync();
        }

        var answer = await PostObjectAsync("/api/generate", """{"model":"tiny","prompt":"hello again","stream":false,"options":{"num_predict":3}}""");
        Assert.True(answer["done"]!.GetValue<bool>());
        Assert.False(server.ServerHasExited);
        Assert.NotEqual(firstPid, await WorkerPidAsync());
    }

    [Fact]
    public async Task EmptyPrompt_LoadsThenKeepAliveZeroUnloads()
    {
        var loaded = await PostObjectAsync("/api/generate", """{"model":"tiny","stream":false}""");
        Assert.Equal("load", loaded["done_reason"]!.GetValue<string>());
        var unloaded = await PostObjectAsync("/api/generate", """{"model":"tiny","keep_alive":0,"stream":false}""");
        Assert.Equal("unload", unloaded["done_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Embed_TwoInputs_GiveTwoNormalisedVectors()
    {
        var body = await PostObjectAsync("/api/embed", """{"model":"tiny","input":["the fox ran","the sky is blue"]}""");
        var vectors = body["embeddings"]!.AsArray().Select(v => v!.AsArray().Select(x => x!.GetValue<float>()).ToArray()).ToArray();
        Assert.Equal(2, vectors.Length);
        Assert.Equal(vectors[0].Length, vectors[1].Length);
        Assert.All(vectors, v => Assert.InRange(Math.Sqrt(v.Sum(x => (double)x * x)), 0.999, 1.001));
        Assert.NotEqual(vectors[0], vectors[1]);
        Assert.True(body["prompt_eval_count"]!.GetValue<int>() > 0);

        var again = await PostObjectAsync("/api/embed", """{"model":"tiny","input":"the fox ran"}""");
        Assert.Equal(vectors[0], again["embeddings"]![0]!.AsArray().Select(x => x!.GetValue<float>()).ToArray());
    }

    [Fact]
    public async Task Embeddings_OlderEndpoint_GivesOneVector()
    {
        var body = await PostObjectAsync("/api/embeddings", """{"model":"tiny","prompt":"a river"}""");
        Assert.True(body["embedding"]!.AsArray().Count > 8);
    }

    [Fact]
    public async Task Embed_InputOfWrongType_Is400()
    {
        using var response = await server.Http.PostAsync("/api/embed", Json("""{"model":"tiny","input":[1,2]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NamedPipe_StreamsAGeneration()
    {
        await using var pipe = new NamedPipeClientStream(".", PipeNames.Supervisor(server.Port), PipeDirection.InOut, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        await pipe.ConnectAsync(10_000);
        using var rpc = RpcConnection.Create(pipe);
        var supervisor = rpc.Attach<ISupervisorService>();
        rpc.StartListening();

        Assert.False(string.IsNullOrEmpty(await supervisor.GetVersionAsync(CancellationToken.None)));
        var chunks = new List<OllamaGenerateResponse>();
        await foreach (var chunk in supervisor.GenerateAsync(new OllamaGenerateRequest { Model = "tiny", Prompt = "a fox", Options = new OllamaOptions { NumPredict = 10 } }, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        Assert.True(chunks[^1].Done);
        Assert.True(chunks[^1].EvalCount > 0);
        Assert.False(string.IsNullOrWhiteSpace(string.Concat(chunks.Select(c => c.Response))));
    }

    [Fact]
    public async Task NamedPipe_UnknownModel_FailsWithModelNotFoundCode()
    {
        await using var pipe = new NamedPipeClientStream(".", PipeNames.Supervisor(server.Port), PipeDirection.InOut, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        await pipe.ConnectAsync(10_000);
        using var rpc = RpcConnection.Create(pipe);
        var supervisor = rpc.Attach<ISupervisorService>();
        rpc.StartListening();
        var error = await Assert.ThrowsAsync<StreamJsonRpc.RemoteInvocationException>(async () =>
        {
            await foreach (var _ in supervisor.GenerateAsync(new OllamaGenerateRequest { Model = "nope", Prompt = "x" }, CancellationToken.None))
            {
            }
        });
        Assert.Equal(RpcErrorCodes.ModelNotFound, error.ErrorCode);
    }

    private async Task<int> WorkerPidAsync()
    {
        var ps = await server.Http.GetFromJsonAsync<JsonObject>("/api/ps");
        var model = Assert.Single(ps!["models"]!.AsArray());
        return model!["pid"]!.GetValue<int>();
    }

    private async Task<JsonNode> PostObjectAsync(string path, string body)
    {
        using var response = await server.Http.PostAsync(path, Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {text}\n{server.Log}");
        return JsonNode.Parse(text)!;
    }

    private async Task<List<JsonNode>> PostLinesAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        using var response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = new List<JsonNode>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            var node = JsonNode.Parse(line)!;
            Assert.Null(node["error"]);
            lines.Add(node);
        }

        return lines;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
