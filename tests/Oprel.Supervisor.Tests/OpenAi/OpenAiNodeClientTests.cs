using System.Text.Json.Nodes;
using Oprel.Supervisor.Tests.EndToEnd;

namespace Oprel.Supervisor.Tests.OpenAi;

/// <summary>The official openai npm package against a real `oprel serve`: what an application using it sees.</summary>
public sealed class OpenAiNodeClientTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ChatCompletionsCreate_NotStreaming_ReturnsTheAnswer()
    {
        var result = await RunAsync("chat");

        Assert.StartsWith("chatcmpl-", Text(result, "id"), StringComparison.Ordinal);
        Assert.Equal("chat.completion", Text(result, "object"));
        Assert.Equal("tiny", Text(result, "model"));
        Assert.Equal(1, result["choices"]!.GetValue<int>());
        Assert.Equal("assistant", Text(result, "role"));
        Assert.Matches("[a-z]+", Text(result, "content"));
        Assert.Contains(Text(result, "finishReason"), new[] { "stop", "length" });
        AssertUsage(result["usage"]!, maxCompletionTokens: 12);
    }

    [Fact]
    public async Task ChatCompletionsCreate_Streaming_YieldsChunksAndUsage()
    {
        var result = await RunAsync("stream");

        Assert.Equal(1, result["ids"]!.GetValue<int>());
        var roles = result["roles"]!.AsArray().Select(r => r?.GetValue<string>()).ToList();
        Assert.Equal("assistant", roles[0]);
        Assert.All(roles.Skip(1), Assert.Null);
        Assert.Matches("[a-z]+ [a-z]+", Text(result, "content"));
        Assert.Equal("length", Text(result, "finishReason"));
        Assert.Equal(8, result["usage"]!["completion_tokens"]!.GetValue<int>());
        AssertUsage(result["usage"]!, maxCompletionTokens: 8);
    }

    [Fact]
    public async Task ChatCompletionsStream_Helper_AccumulatesTheFinalCompletion()
    {
        var result = await RunAsync("helper");
        Assert.Matches("[a-z]+", Text(result, "content"));
        Assert.Equal("length", Text(result, "finishReason"));
    }

    [Fact]
    public async Task ResponseFormatJsonObject_FinishedAnswersParseAsObjects()
    {
        var answers = (await RunAsync("json"))["answers"]!.AsArray();
        var finished = answers.Where(a => Text(a!, "finishReason") == "stop").ToList();
        Assert.NotEmpty(finished);
        Assert.All(finished, a => Assert.True(a!["isObject"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task CompletionsCreate_ReturnsATextCompletion()
    {
        var result = await RunAsync("completions");
        Assert.StartsWith("cmpl-", Text(result, "id"), StringComparison.Ordinal);
        Assert.Equal("text_completion", Text(result, "object"));
        Assert.Matches("[a-z]+", Text(result, "text"));
        AssertUsage(result["usage"]!, maxCompletionTokens: 10);
    }

    [Fact]
    public async Task EmbeddingsCreate_Base64AndFloat_GiveTheSameVectors()
    {
        var result = await RunAsync("embeddings");

        Assert.Equal("list", Text(result, "object"));
        Assert.Equal("tiny", Text(result, "model"));
        Assert.Equal([0, 1], result["indexes"]!.AsArray().Select(i => i!.GetValue<int>()));
        var decoded = Vectors(result["decoded"]!);
        var floats = Vectors(result["floats"]!);
        Assert.Equal(2, decoded.Length);
        Assert.All(decoded, v => Assert.True(v.Length > 8));
        Assert.Equal(floats, decoded);
        var usage = result["usage"]!;
        Assert.True(usage["prompt_tokens"]!.GetValue<int>() > 0);
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task ModelsListAndRetrieve_KnowTiny_AndUnknownIsNotFoundError()
    {
        var result = await RunAsync("models");

        Assert.Contains("tiny:latest", result["ids"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal("tiny", Text(result["tiny"]!, "id"));
        Assert.Equal("model", Text(result["tiny"]!, "object"));
        Assert.Equal("library", Text(result["tiny"]!, "ownedBy"));
        AssertApiError(result["missing"]!, "NotFoundError", 404, "not_found_error", "model 'no-such-model' not found");
    }

    [Fact]
    public async Task Errors_ReachTheClientAsTypedApiErrors()
    {
        var result = await RunAsync("errors");

        AssertApiError(result["unknownModel"]!, "NotFoundError", 404, "not_found_error", "model 'no-such-model' not found");
        AssertApiError(result["unknownModelStreaming"]!, "NotFoundError", 404, "not_found_error", "model 'no-such-model' not found");
        AssertApiError(result["badTemperature"]!, "BadRequestError", 400, "invalid_request_error", "temperature must be between 0 and 2");
        AssertApiError(result["badEmbeddingInput"]!, "BadRequestError", 400, "invalid_request_error", "input must not be an empty array");
    }

    private Task<JsonNode> RunAsync(string scenario) => NodeOpenAiClient.RunAsync(server.Port, scenario);

    private static float[][] Vectors(JsonNode vectors) => [.. vectors.AsArray().Select(v => v!.AsArray().Select(x => x!.GetValue<float>()).ToArray())];

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();

    private static void AssertUsage(JsonNode usage, int maxCompletionTokens)
    {
        var prompt = usage["prompt_tokens"]!.GetValue<int>();
        var completion = usage["completion_tokens"]!.GetValue<int>();
        Assert.True(prompt > 0);
        Assert.InRange(completion, 1, maxCompletionTokens);
        Assert.Equal(prompt + completion, usage["total_tokens"]!.GetValue<int>());
    }

    private static void AssertApiError(JsonNode error, string name, int status, string type, string message)
    {
        Assert.True(error["thrown"]!.GetValue<bool>(), "the call did not fail");
        Assert.True(error["isApiError"]!.GetValue<bool>());
        Assert.Equal(name, Text(error, "name"));
        Assert.Equal(status, error["status"]!.GetValue<int>());
        Assert.Equal(type, Text(error, "type"));
        Assert.Equal(message, Text(error, "message"));
    }
}
