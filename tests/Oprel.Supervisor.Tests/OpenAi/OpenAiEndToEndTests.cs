using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Oprel.Supervisor.Tests.EndToEnd;

namespace Oprel.Supervisor.Tests.OpenAi;

/// <summary>The OpenAI-compatible API of a real `oprel serve` with the built-in tiny model, over raw HTTP.</summary>
public sealed class OpenAiEndToEndTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Question = """[{"role":"user","content":"Why is the sky blue?"}]""";

    /// <summary>A seed with which tiny talks for far more than the token limits below, so that they end with "length".</summary>
    private const int LongSeed = 4;

    [Fact]
    public async Task ChatCompletion_NotStreaming_IsAChatCompletionWithUsage()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = await PostOkAsync("/v1/chat/completions", $$"""{"model":"tiny","seed":{{LongSeed}},"messages":{{Question}},"max_tokens":20}""");

        Assert.StartsWith("chatcmpl-", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.InRange(body["created"]!.GetValue<long>(), before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal("tiny", body["model"]!.GetValue<string>());
        Assert.Equal("fp_oprel", body["system_fingerprint"]!.GetValue<string>());
        var choice = Assert.Single(body["choices"]!.AsArray())!;
        Assert.Equal(0, choice["index"]!.GetValue<int>());
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Matches("[a-z]+", choice["message"]!["content"]!.GetValue<string>());
        Assert.Contains(choice["finish_reason"]!.GetValue<string>(), new[] { "stop", "length" });
        var usage = body["usage"]!;
        Assert.True(usage["prompt_tokens"]!.GetValue<int>() > 0);
        Assert.InRange(usage["completion_tokens"]!.GetValue<int>(), 1, 20);
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>() + usage["completion_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task ChatCompletion_Streaming_SendsChunksWithTheRoleFirstAndTheFinishReasonLast()
    {
        var chunks = await ServerSentEvents.ReadAsync(server.Http, "/v1/chat/completions", $$"""{"model":"tiny","seed":{{LongSeed}},"stream":true,"messages":{{Question}},"max_tokens":8}""");

        Assert.True(chunks.Count >= 3, $"expected several chunks, got {chunks.Count}");
        var id = chunks[0]["id"]!.GetValue<string>();
        Assert.StartsWith("chatcmpl-", id, StringComparison.Ordinal);
        foreach (var chunk in chunks)
        {
            Assert.Equal(id, chunk["id"]!.GetValue<string>());
            Assert.Equal("chat.completion.chunk", chunk["object"]!.GetValue<string>());
            Assert.Equal("tiny", chunk["model"]!.GetValue<string>());
            Assert.Equal("fp_oprel", chunk["system_fingerprint"]!.GetValue<string>());
            Assert.Null(chunk["usage"]);
        }

        var choices = chunks.Select(c => Assert.Single(c["choices"]!.AsArray())!).ToList();
        Assert.Equal("assistant", choices[0]["delta"]!["role"]!.GetValue<string>());
        Assert.All(choices.Skip(1), c => Assert.Null(c["delta"]!["role"]));
        Assert.All(choices[..^1], c =>
        {
            Assert.True(c.AsObject().ContainsKey("finish_reason"));
            Assert.Null(c["finish_reason"]);
        });
        Assert.Equal("length", choices[^1]["finish_reason"]!.GetValue<string>());
        var content = string.Concat(choices.Select(c => c["delta"]!["content"]?.GetValue<string>()));
        Assert.Matches("[a-z]+ [a-z]+", content);
    }

    [Fact]
    public async Task ChatCompletion_StreamIncludeUsage_EndsWithAUsageChunkWithoutChoices()
    {
        var chunks = await ServerSentEvents.ReadAsync(
            server.Http, "/v1/chat/completions", $$"""{"model":"tiny","seed":{{LongSeed}},"stream":true,"stream_options":{"include_usage":true},"messages":{{Question}},"max_tokens":5}""");

        var last = chunks[^1];
        Assert.Empty(last["choices"]!.AsArray());
        Assert.Equal(5, last["usage"]!["completion_tokens"]!.GetValue<int>());
        Assert.True(last["usage"]!["prompt_tokens"]!.GetValue<int>() > 0);
        Assert.Equal("length", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.All(chunks[..^1], c => Assert.Null(c["usage"]));
    }

    [Theory]
    [InlineData("max_tokens")]
    [InlineData("max_completion_tokens")]
    public async Task ChatCompletion_TokenLimit_FinishesWithLength(string field)
    {
        var body = await PostOkAsync("/v1/chat/completions", $$"""{"model":"tiny","seed":{{LongSeed}},"messages":{{Question}},"{{field}}":3}""");
        Assert.Equal("length", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(3, body["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task ChatCompletion_SameSeed_GivesTheSameAnswer()
    {
        const string Request = """{"model":"tiny","messages":[{"role":"user","content":"Tell me about the fox."}],"max_tokens":25,"seed":7,"temperature":0.9,"top_p":0.95}""";
        var first = await PostOkAsync("/v1/chat/completions", Request);
        var second = await PostOkAsync("/v1/chat/completions", Request);
        Assert.Equal(Content(first), Content(second));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletion_Stop_EndsTheAnswerBeforeTheStopText(bool asArray)
    {
        const string Messages = """[{"role":"user","content":"Tell me a story about the river."}]""";
        var whole = Content(await PostOkAsync("/v1/chat/completions", $$"""{"model":"tiny","messages":{{Messages}},"max_tokens":30,"temperature":0,"seed":1}"""));
        var words = whole.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(words.Length > 4, $"expected a longer answer than '{whole}'");
        var stop = words[3];
        var stopJson = JsonSerializer.Serialize(stop);
        var stopField = asArray ? $"[{stopJson},\"never-said\"]" : stopJson;

        var stopped = await PostOkAsync("/v1/chat/completions", $$"""{"model":"tiny","messages":{{Messages}},"max_tokens":30,"temperature":0,"seed":1,"stop":{{stopField}}}""");

        Assert.Equal(whole[..whole.IndexOf(stop, StringComparison.Ordinal)].TrimEnd(), Content(stopped).TrimEnd());
        Assert.Equal("stop", stopped["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletion_TextContentParts_AreOneMessage()
    {
        var body = await PostOkAsync(
            "/v1/chat/completions",
            $$"""{"model":"tiny","seed":{{LongSeed}},"max_tokens":10,"messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"Tell me"},{"type":"text","text":"about the fox."}]}]}""");
        Assert.Matches("[a-z]+", Content(body));
    }

    [Fact]
    public async Task ChatCompletion_ImagePart_Is400BecauseTinyHasNoVision()
    {
        var (status, body) = await OpenAiJson.PostAsync(
            server.Http,
            "/v1/chat/completions",
            """{"model":"tiny","messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("model 'tiny' does not support images", OpenAiJson.AssertError(body, "invalid_request_error"));
    }

    [Fact]
    public async Task ChatCompletion_JsonObject_AnswersParseAsJsonObjects()
    {
        var finished = 0;
        for (var seed = 1; seed <= 4; seed++)
        {
            var body = await PostOkAsync(
                "/v1/chat/completions",
                $$$"""{"model":"tiny","seed":{{{seed}}},"max_tokens":30,"messages":[{"role":"user","content":"Answer in JSON."}],"response_format":{"type":"json_object"}}""");
            var content = Content(body).Trim();
            Assert.StartsWith("{", content, StringComparison.Ordinal);
            if (body["choices"]![0]!["finish_reason"]!.GetValue<string>() == "stop")
            {
                Assert.IsType<JsonObject>(JsonNode.Parse(content));
                finished++;
            }
        }

        Assert.True(finished > 0, "no JSON answer finished within 30 tokens");
    }

    [Fact]
    public async Task ChatCompletion_JsonSchema_TakesTheSamePathAsAnOllamaFormatObject()
    {
        const string Schema = """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""";
        const string ResponseFormat = """{"type":"json_schema","json_schema":{"name":"person","schema":""" + Schema + "}}";
        using var ollama = await server.Http.PostAsync(
            "/api/chat", OpenAiJson.Content($$$"""{"model":"tiny","stream":false,"format":{{{Schema}}},"messages":{{{Question}}},"options":{"num_predict":60,"seed":1,"temperature":0}}"""));
        var (status, body) = await OpenAiJson.PostAsync(
            server.Http,
            "/v1/chat/completions",
            $$$"""{"model":"tiny","seed":1,"temperature":0,"max_tokens":60,"messages":{{{Question}}},"response_format":{{{ResponseFormat}}}}""");

        Assert.Equal(ollama.StatusCode, status);
        var ollamaBody = JsonNode.Parse(await ollama.Content.ReadAsStringAsync())!;
        if (status == HttpStatusCode.OK)
        {
            Assert.Equal(ollamaBody["message"]!["content"]!.GetValue<string>(), Content(body));
            if (body["choices"]![0]!["finish_reason"]!.GetValue<string>() == "stop")
            {
                Assert.NotNull(JsonNode.Parse(Content(body))!["name"]);
            }
        }
        else
        {
            Assert.Equal(ollamaBody["error"]!.GetValue<string>(), OpenAiJson.AssertError(body, "invalid_request_error"));
        }
    }

    [Fact]
    public async Task ChatCompletion_ToolsForAModelWhoseTemplateHasNone_Is400LikeOllama()
    {
        var (status, body) = await OpenAiJson.PostAsync(server.Http, "/v1/chat/completions", """
            {"model":"tiny","max_tokens":10,"tool_choice":"auto",
             "tools":[{"type":"function","function":{"name":"weather","description":"Weather in a city","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
             "messages":[
              {"role":"user","content":"Weather in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("does not support tools", OpenAiJson.AssertError(body, "invalid_request_error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_NotStreaming_IsATextCompletionWithUsage()
    {
        var body = await PostOkAsync("/v1/completions", $$"""{"model":"tiny","seed":{{LongSeed}},"prompt":"Once upon a time","max_tokens":12,"suffix":"ignored"}""");

        Assert.StartsWith("cmpl-", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("text_completion", body["object"]!.GetValue<string>());
        Assert.Equal("tiny", body["model"]!.GetValue<string>());
        Assert.Equal("fp_oprel", body["system_fingerprint"]!.GetValue<string>());
        Assert.True(body["created"]!.GetValue<long>() > 0);
        var choice = Assert.Single(body["choices"]!.AsArray())!;
        Assert.Matches("[a-z]+", choice["text"]!.GetValue<string>());
        Assert.Contains(choice["finish_reason"]!.GetValue<string>(), new[] { "stop", "length" });
        var usage = body["usage"]!;
        Assert.InRange(usage["completion_tokens"]!.GetValue<int>(), 1, 12);
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>() + usage["completion_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Completion_Streaming_SendsTextCompletionChunksThenUsageAndDone()
    {
        var chunks = await ServerSentEvents.ReadAsync(
            server.Http, "/v1/completions", $$$"""{"model":"tiny","seed":{{{LongSeed}}},"prompt":"Once upon a time","max_tokens":6,"stream":true,"stream_options":{"include_usage":true}}""");

        Assert.All(chunks, c => Assert.Equal("text_completion", c["object"]!.GetValue<string>()));
        Assert.Single(chunks.Select(c => c["id"]!.GetValue<string>()).Distinct());
        var usage = chunks[^1];
        Assert.Empty(usage["choices"]!.AsArray());
        Assert.Equal(6, usage["usage"]!["completion_tokens"]!.GetValue<int>());
        var choices = chunks[..^1].Select(c => Assert.Single(c["choices"]!.AsArray())!).ToList();
        Assert.Equal("length", choices[^1]["finish_reason"]!.GetValue<string>());
        Assert.All(choices[..^1], c => Assert.Null(c["finish_reason"]));
        Assert.Matches("[a-z]+ [a-z]+", string.Concat(choices.Select(c => c["text"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Models_List_HasTinyOwnedByLibrary()
    {
        await PostOkAsync("/v1/chat/completions", $$"""{"model":"tiny","messages":{{Question}},"max_tokens":1}""");
        var list = await server.Http.GetFromJsonAsync<JsonObject>("/v1/models");

        Assert.Equal("list", list!["object"]!.GetValue<string>());
        var data = list["data"]!.AsArray();
        var ids = data.Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        var tiny = Assert.Single(data, m => m!["id"]!.GetValue<string>() == "tiny:latest")!;
        Assert.Equal("model", tiny["object"]!.GetValue<string>());
        Assert.Equal("library", tiny["owned_by"]!.GetValue<string>());
        Assert.True(tiny["created"]!.GetValue<long>() > 0);
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("tiny:latest")]
    public async Task Models_Get_KnownModel_AnswersItUnderTheAskedName(string name)
    {
        var model = await server.Http.GetFromJsonAsync<JsonObject>($"/v1/models/{name}");
        Assert.Equal(name, model!["id"]!.GetValue<string>());
        Assert.Equal("model", model["object"]!.GetValue<string>());
        Assert.Equal("library", model["owned_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task Models_Get_UnknownModel_Is404InOpenAisShape()
    {
        using var response = await server.Http.GetAsync("/v1/models/no-such-model");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var message = OpenAiJson.AssertError(JsonNode.Parse(await response.Content.ReadAsStringAsync())!, "not_found_error");
        Assert.Equal("model 'no-such-model' not found", message);
    }

    [Fact]
    public async Task Embeddings_Float_AreTheVectorsOfApiEmbed()
    {
        var body = await PostOkAsync("/v1/embeddings", """{"model":"tiny","input":"the fox ran"}""");

        Assert.Equal("list", body["object"]!.GetValue<string>());
        Assert.Equal("tiny", body["model"]!.GetValue<string>());
        var item = Assert.Single(body["data"]!.AsArray())!;
        Assert.Equal("embedding", item["object"]!.GetValue<string>());
        Assert.Equal(0, item["index"]!.GetValue<int>());
        var vector = Floats(item["embedding"]!);
        Assert.True(vector.Length > 8);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(x => (double)x * x)), 3);
        var usage = body["usage"]!;
        Assert.True(usage["prompt_tokens"]!.GetValue<int>() > 0);
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());

        var ollama = await PostOkAsync("/api/embed", """{"model":"tiny","input":"the fox ran"}""");
        Assert.Equal(Floats(ollama["embeddings"]![0]!), vector);
    }

    [Fact]
    public async Task Embeddings_Base64AndDimensions_AreLittleEndianFloatsOfTheShortenedVectors()
    {
        var floats = await PostOkAsync("/v1/embeddings", """{"model":"tiny","input":["the fox ran","a river"],"dimensions":4,"encoding_format":"float"}""");
        var base64 = await PostOkAsync("/v1/embeddings", """{"model":"tiny","input":["the fox ran","a river"],"dimensions":4,"encoding_format":"base64"}""");

        Assert.Equal(2, base64["data"]!.AsArray().Count);
        for (var i = 0; i < 2; i++)
        {
            var expected = Floats(floats["data"]![i]!["embedding"]!);
            Assert.Equal(4, expected.Length);
            Assert.Equal(i, base64["data"]![i]!["index"]!.GetValue<int>());
            var bytes = Convert.FromBase64String(base64["data"]![i]!["embedding"]!.GetValue<string>());
            var decoded = Enumerable.Range(0, bytes.Length / 4).Select(j => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(j * 4))).ToArray();
            Assert.Equal(expected, decoded);
        }
    }

    [Theory]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny\",\"messages\":", "invalid JSON")]
    [InlineData("/v1/chat/completions", "", "invalid JSON")]
    [InlineData("/v1/chat/completions", "null", "must be a JSON object")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":\"hot\"}", "invalid value at $.temperature")]
    [InlineData("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model is required")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny\",\"messages\":[]}", "messages must be a non-empty array")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}", "invalid role")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":5}", "temperature must be between 0 and 2")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"top_p\":1.5}", "top_p must be between 0 and 1")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"n\":3}", "n must be 1")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":0}", "max_tokens must be at least 1")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop\":{\"a\":1}}", "stop must be a string or an array of strings")]
    [InlineData("/v1/chat/completions", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"response_format\":{\"type\":\"xml\"}}", "response_format.type")]
    [InlineData("/v1/completions", "{\"model\":\"tiny\",\"prompt\":", "invalid JSON")]
    [InlineData("/v1/completions", "{\"model\":\"tiny\"}", "prompt is required")]
    [InlineData("/v1/completions", "{\"model\":\"tiny\",\"prompt\":[\"a\",\"b\"]}", "prompt must be a string")]
    [InlineData("/v1/completions", "{\"prompt\":\"hi\"}", "model is required")]
    [InlineData("/v1/completions", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"frequency_penalty\":9}", "frequency_penalty must be between -2 and 2")]
    [InlineData("/v1/embeddings", "{\"model\":\"tiny\",\"input\":", "invalid JSON")]
    [InlineData("/v1/embeddings", "{\"model\":\"tiny\"}", "input must be a string or an array of strings")]
    [InlineData("/v1/embeddings", "{\"model\":\"tiny\",\"input\":[]}", "input must not be an empty array")]
    [InlineData("/v1/embeddings", "{\"model\":\"tiny\",\"input\":[1,2,3]}", "input must be a string or an array of strings")]
    [InlineData("/v1/embeddings", "{\"model\":\"tiny\",\"input\":\"x\",\"encoding_format\":\"int8\"}", "encoding_format must be float or base64")]
    [InlineData("/v1/embeddings", "{\"model\":\"tiny\",\"input\":\"x\",\"dimensions\":0}", "dimensions must be at least 1")]
    [InlineData("/v1/embeddings", "{\"input\":\"x\"}", "model is required")]
    public async Task BadRequest_Is400InvalidRequestErrorSayingWhatIsWrong(string path, string body, string expected)
    {
        var (status, answer) = await OpenAiJson.PostAsync(server.Http, path, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, OpenAiJson.AssertError(answer, "invalid_request_error"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/chat/completions", "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")]
    [InlineData("/v1/chat/completions", "{\"model\":\"no-such-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")]
    [InlineData("/v1/completions", "{\"model\":\"no-such-model\",\"prompt\":\"hi\"}")]
    [InlineData("/v1/embeddings", "{\"model\":\"no-such-model\",\"input\":\"hi\"}")]
    public async Task UnknownModel_Is404NotFoundError(string path, string body)
    {
        var (status, answer) = await OpenAiJson.PostAsync(server.Http, path, body);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model 'no-such-model' not found", OpenAiJson.AssertError(answer, "not_found_error"));
    }

    [Fact]
    public async Task ClientThatLeavesMidStream_DoesNotHurtTheServer()
    {
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = OpenAiJson.Content($$"""{"model":"tiny","seed":{{LongSeed}},"stream":true,"messages":[{"role":"user","content":"Tell me a long story."}],"max_tokens":2000}"""),
        })
        using (var response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.StartsWith("data: ", await reader.ReadLineAsync(), StringComparison.Ordinal);
        }

        var body = await PostOkAsync("/v1/chat/completions", $$"""{"model":"tiny","seed":{{LongSeed}},"messages":{{Question}},"max_tokens":5}""");
        Assert.Equal(5, body["usage"]!["completion_tokens"]!.GetValue<int>());
        Assert.False(server.ServerHasExited);
    }

    private static float[] Floats(JsonNode vector) => [.. vector.AsArray().Select(x => x!.GetValue<float>())];

    private static string Content(JsonNode body) => body["choices"]![0]!["message"]!["content"]!.GetValue<string>();

    private async Task<JsonNode> PostOkAsync(string path, string body)
    {
        using var response = await server.Http.PostAsync(path, OpenAiJson.Content(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}\n{server.Log}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }
}
