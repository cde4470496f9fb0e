using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Oprel.Supervisor.Tests.OpenAi;

namespace Oprel.Supervisor.Tests.EndToEnd;

/// <summary>
/// "tools" on /api/chat and /v1/chat/completions with a copy of tiny whose chat template offers tools (Qwen 2.5's).
/// Tiny writes prose, so a call is forced with a JSON schema that makes the whole answer a call object.
/// </summary>
public sealed class ToolsEndToEndTests(ServerFixture server) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Tools = """[{"type":"function","function":{"name":"get_weather","description":"The weather in a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""";

    private const string CallSchema =
        """{"type":"object","properties":{"name":{"const":"get_weather"},"arguments":{"type":"object","properties":{"city":{"type":"string","maxLength":12}},"required":["city"]}},"required":["name","arguments"]}""";

    private const string Question = """[{"role":"user","content":"What is the weather in Paris?"}]""";

    private string _model = "";

    public async Task InitializeAsync()
    {
        var directory = Path.Combine(server.CacheDirectory, "tools-model");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "tiny-tools.gguf");
        _model = File.Exists(path) ? path : await ToolsModel.WriteAsync(directory, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Chat_WithTools_StreamsProseAndInventsNoToolCall()
    {
        var lines = await ChatLinesAsync($$$$"""{"model":{{{{Json(_model)}}}},"messages":{{{{Question}}}},"tools":{{{{Tools}}}},"options":{"seed":4,"num_predict":12}}""");

        var last = lines[^1];
        Assert.True(last["done"]!.GetValue<bool>());
        Assert.Contains(last["done_reason"]!.GetValue<string>(), new[] { "stop", "length" });
        Assert.All(lines, l => Assert.Null(l["message"]!["tool_calls"]));
        Assert.Matches("[a-z]+", string.Concat(lines.Select(l => l["message"]!["content"]!.GetValue<string>())));
        Assert.True(lines.Count > 2, "prose streams in several chunks");
    }

    [Fact]
    public async Task Chat_ForcedCall_NotStreaming_HasToolCalls()
    {
        var (status, body) = await OpenAiJson.PostAsync(
            server.Http, "/api/chat", $$$$"""{"model":{{{{Json(_model)}}}},"stream":false,"messages":{{{{Question}}}},"tools":{{{{Tools}}}},"format":{{{{CallSchema}}}},"options":{"temperature":0,"num_predict":200}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("stop", body["done_reason"]!.GetValue<string>());
        var message = body["message"]!;
        Assert.Equal("", message["content"]!.GetValue<string>());
        var call = Assert.Single(message["tool_calls"]!.AsArray())!;
        Assert.StartsWith("call_", call["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal(0, call["function"]!["index"]!.GetValue<int>());
        Assert.Equal(JsonValueKind.String, call["function"]!["arguments"]!["city"]!.GetValueKind());
    }

    [Fact]
    public async Task Chat_ForcedCall_Streaming_HoldsTheCallBackAndEndsWithIt()
    {
        var lines = await ChatLinesAsync(
            $$$$"""{"model":{{{{Json(_model)}}}},"messages":{{{{Question}}}},"tools":{{{{Tools}}}},"format":{{{{CallSchema}}}},"options":{"temperature":0,"num_predict":200}}""");

        var last = Assert.Single(lines);
        Assert.True(last["done"]!.GetValue<bool>());
        var call = Assert.Single(last["message"]!["tool_calls"]!.AsArray())!;
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Object, call["function"]!["arguments"]!.GetValueKind());
    }

    [Fact]
    public async Task Chat_ToolResultsInHistory_RenderAndAnswer()
    {
        var (status, body) = await OpenAiJson.PostAsync(server.Http, "/api/chat", $$$$"""
            {"model":{{{{Json(_model)}}}},"stream":false,"tools":{{{{Tools}}}},"options":{"num_predict":5},
             "messages":[
              {"role":"user","content":"What is the weather in Paris?"},
              {"role":"assistant","content":"","tool_calls":[{"function":{"index":0,"name":"get_weather","arguments":{"city":"Paris"}}}]},
              {"role":"tool","tool_name":"get_weather","content":"sunny"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body["done"]!.GetValue<bool>());
        Assert.True(body["prompt_eval_count"]!.GetValue<int>() > 0);
    }

    [Theory]
    [InlineData("""{"type":"function"}""", "tools[0].function must be an object")]
    [InlineData("""{"type":"retrieval","function":{"name":"x"}}""", "tools[0].type must be \"function\"")]
    [InlineData("""{"type":"function","function":{"description":"no name"}}""", "tools[0].function.name must be a non-empty string")]
    public async Task Chat_InvalidTools_Are400(string tool, string expected)
    {
        var (status, body) = await OpenAiJson.PostAsync(server.Http, "/api/chat", $$$$"""{"model":{{{{Json(_model)}}}},"messages":{{{{Question}}}},"tools":[{{{{tool}}}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ToolsForAModelWithoutThem_Is400()
    {
        var (status, body) = await OpenAiJson.PostAsync(server.Http, "/api/chat", $$$$"""{"model":"tiny","messages":{{{{Question}}}},"tools":{{{{Tools}}}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("does not support tools", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAi_ForcedCall_IsToolCallsWithArgumentsAsText()
    {
        var (status, body) = await OpenAiJson.PostAsync(server.Http, "/v1/chat/completions", $$$$"""
            {"model":{{{{Json(_model)}}}},"messages":{{{{Question}}}},"tools":{{{{Tools}}}},"temperature":0,"max_tokens":200,
             "response_format":{"type":"json_schema","json_schema":{"name":"call","schema":{{{{CallSchema}}}}}}}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        var choice = Assert.Single(body["choices"]!.AsArray())!;
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
        var call = Assert.Single(choice["message"]!["tool_calls"]!.AsArray())!;
        Assert.StartsWith("call_", call["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("function", call["type"]!.GetValue<string>());
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        var arguments = JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>())!;
        Assert.Equal(JsonValueKind.String, arguments["city"]!.GetValueKind());
    }

    [Fact]
    public async Task OpenAi_ForcedCall_Streaming_SendsIndexedToolCallDeltas()
    {
        var chunks = await ServerSentEvents.ReadAsync(server.Http, "/v1/chat/completions", $$$$"""
            {"model":{{{{Json(_model)}}}},"stream":true,"messages":{{{{Question}}}},"tools":{{{{Tools}}}},"temperature":0,"max_tokens":200,
             "response_format":{"type":"json_schema","json_schema":{"name":"call","schema":{{{{CallSchema}}}}}}}
            """);

        var choices = chunks.Select(c => Assert.Single(c["choices"]!.AsArray())!).ToList();
        Assert.Equal("tool_calls", choices[^1]["finish_reason"]!.GetValue<string>());
        var call = Assert.Single(choices.SelectMany(c => c["delta"]!["tool_calls"]?.AsArray() ?? []))!;
        Assert.Equal(0, call["index"]!.GetValue<int>());
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Object, JsonElement.Parse(call["function"]!["arguments"]!.GetValue<string>()).ValueKind);
    }

    [Fact]
    public async Task OpenAi_WithTools_ProseIsTextWithFinishReasonStop()
    {
        var (status, body) = await OpenAiJson.PostAsync(
            server.Http, "/v1/chat/completions", $$$$"""{"model":{{{{Json(_model)}}}},"messages":{{{{Question}}}},"tools":{{{{Tools}}}},"seed":4,"max_tokens":12}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var choice = Assert.Single(body["choices"]!.AsArray())!;
        Assert.Contains(choice["finish_reason"]!.GetValue<string>(), new[] { "stop", "length" });
        Assert.Null(choice["message"]!["tool_calls"]);
        Assert.Matches("[a-z]+", choice["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenAi_ToolHistory_NamesTheToolByItsCallId()
    {
        var (status, body) = await OpenAiJson.PostAsync(server.Http, "/v1/chat/completions", $$$$"""
            {"model":{{{{Json(_model)}}}},"max_tokens":5,"tools":{{{{Tools}}}},
             "messages":[
              {"role":"user","content":"Weather in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("assistant", body["choices"]![0]!["message"]!["role"]!.GetValue<string>());
    }

    private static string Json(string value) => JsonSerializer.Serialize(value);

    private async Task<List<JsonNode>> ChatLinesAsync(string body)
    {
        using var response = await server.Http.PostAsync("/api/chat", OpenAiJson.Content(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];
    }
}
