using System.Text.Json;
using Oprel.Json;
using Oprel.OllamaApi;
using Oprel.OpenAiApi;
using Oprel.Supervisor.Api.OpenAi;

namespace Oprel.Supervisor.Tests.OpenAi;

/// <summary>How OpenAI requests become the Ollama requests the generation service serves.</summary>
public sealed class OpenAiMapperTests
{
    [Fact]
    public void Chat_Defaults_AreOllamasOpenAiDefaults()
    {
        var chat = OpenAiRequestMapper.ToOllama(Chat("""{"model":"tiny","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal("tiny", chat.Model);
        Assert.False(chat.Stream);
        Assert.Null(chat.Format);
        Assert.Equal(1f, chat.Options!.Temperature);
        Assert.Equal(1f, chat.Options.TopP);
        Assert.Null(chat.Options.NumPredict);
        Assert.Null(chat.Options.Stop);
        var message = Assert.Single(chat.Messages!);
        Assert.Equal(("user", "hi"), (message.Role, message.Content));
    }

    [Fact]
    public void Chat_SamplingFields_MapToOllamaOptions()
    {
        var chat = OpenAiRequestMapper.ToOllama(Chat("""
            {"model":"tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":7,"temperature":0.2,"top_p":0.5,"seed":42,
             "stop":["a","b"],"frequency_penalty":0.5,"presence_penalty":-0.5}
            """));

        var options = chat.Options!;
        Assert.Equal(7, options.NumPredict);
        Assert.Equal(0.2f, options.Temperature);
        Assert.Equal(0.5f, options.TopP);
        Assert.Equal(42, options.Seed);
        Assert.Equal(["a", "b"], options.Stop);
        Assert.Equal(0.5f, options.FrequencyPenalty);
        Assert.Equal(-0.5f, options.PresencePenalty);
    }

    [Fact]
    public void Chat_MaxCompletionTokens_WinsOverMaxTokens()
    {
        var chat = OpenAiRequestMapper.ToOllama(Chat("""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":7,"max_completion_tokens":3}"""));
        Assert.Equal(3, chat.Options!.NumPredict);
    }

    [Fact]
    public void Chat_StopString_IsOneStopSequence()
    {
        var chat = OpenAiRequestMapper.ToOllama(Chat("""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"stop":"END"}"""));
        Assert.Equal(["END"], chat.Options!.Stop);
    }

    [Fact]
    public void Chat_ResponseFormats_BecomeOllamaFormats()
    {
        static JsonElement? FormatOf(string responseFormat) =>
            OpenAiRequestMapper.ToOllama(Chat($$"""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"response_format":{{responseFormat}}}""")).Format;

        Assert.Null(FormatOf("""{"type":"text"}"""));
        Assert.Equal("json", FormatOf("""{"type":"json_object"}""")!.Value.GetString());
        var schema = FormatOf("""{"type":"json_schema","json_schema":{"name":"person","schema":{"type":"object","properties":{"name":{"type":"string"}}}}}""");
        Assert.Equal("object", schema!.Value.GetProperty("type").GetString());
        Assert.Equal("string", schema.Value.GetProperty("properties").GetProperty("name").GetProperty("type").GetString());
    }

    [Fact]
    public void Chat_ContentParts_JoinTheirTextAndKeepImages()
    {
        var chat = OpenAiRequestMapper.ToOllama(Chat("""
            {"model":"tiny","messages":[{"role":"user","content":[
              {"type":"text","text":"first"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
              {"type":"text","text":"second"},
              {"type":"image_url","image_url":"data:image/jpeg;base64,/9j/4AAQ"}]}]}
            """));

        var message = Assert.Single(chat.Messages!);
        Assert.Equal("first\nsecond", message.Content);
        Assert.Equal(["iVBORw0KGgo=", "/9j/4AAQ"], message.Images);
    }

    [Fact]
    public void Chat_DeveloperRole_IsASystemMessage()
    {
        var chat = OpenAiRequestMapper.ToOllama(Chat("""{"model":"tiny","messages":[{"role":"developer","content":"be brief"},{"role":"user","content":"hi"}]}"""));
        Assert.Equal("system", chat.Messages![0].Role);
    }

    [Fact]
    public void Chat_AssistantToolCalls_BecomeOllamaToolCallsWithParsedArguments()
    {
        var chat = OpenAiRequestMapper.ToOllama(Chat("""
            {"model":"tiny","tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object"}}}],"tool_choice":"auto",
             "messages":[
              {"role":"user","content":"weather in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"}]}
            """));

        var assistant = chat.Messages![1];
        Assert.Equal("", assistant.Content);
        var call = Assert.Single(assistant.ToolCalls!.Value.EnumerateArray());
        Assert.Equal("weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Paris", call.GetProperty("function").GetProperty("arguments").GetProperty("city").GetString());
        Assert.Equal(("tool", "sunny"), (chat.Messages[2].Role, chat.Messages[2].Content));
    }

    [Theory]
    [InlineData("""{"model":"tiny","messages":[]}""", "messages must be a non-empty array")]
    [InlineData("""{"model":"tiny"}""", "messages must be a non-empty array")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user"}]}""", "messages[0].content is required")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":5}]}""", "messages[0].content must be a string or an array")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":[{"type":"input_audio"}]}]}""", "messages[0].content[0] has type 'input_audio'")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":[{"text":"no type"}]}]}""", "messages[0].content[0] must be an object with a \"type\"")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":[{"type":"text"}]}]}""", "messages[0].content[0].text must be a string")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":[{"type":"image_url"}]}]}""", "messages[0].content[0].image_url must have a \"url\"")]
    [InlineData("""{"model":"tiny","messages":[{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":"{nope"}}]}]}""", "messages[0].tool_calls[0].function.arguments is not valid JSON")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":0}""", "max_tokens must be at least 1")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":-1}""", "max_completion_tokens must be at least 1")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"n":2}""", "n must be 1")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"frequency_penalty":3}""", "frequency_penalty must be between -2 and 2")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"presence_penalty":-2.5}""", "presence_penalty must be between -2 and 2")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"stop":5}""", "stop must be a string or an array of strings")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"stop":["a",1]}""", "stop must be a string or an array of strings")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"yaml"}}""", "response_format.type must be text, json_object or json_schema, not 'yaml'")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"response_format":{}}""", "response_format.type is required")]
    [InlineData("""{"model":"tiny","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x"}}}""", "response_format.json_schema.schema must be a JSON schema object")]
    public void Chat_InvalidRequest_SaysWhatIsWrong(string body, string expected)
    {
        var error = Assert.Throws<ValidationException>(() => OpenAiRequestMapper.ToOllama(Chat(body)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Completion_Fields_MapToAGenerateRequest()
    {
        var generate = OpenAiRequestMapper.ToOllama(Completion("""{"model":"tiny","prompt":"once","suffix":"ignored","max_tokens":5,"seed":1,"stop":"x","stream":true}"""));

        Assert.Equal("once", generate.Prompt);
        Assert.True(generate.Stream);
        Assert.Equal(5, generate.Options!.NumPredict);
        Assert.Equal(1, generate.Options.Seed);
        Assert.Equal(["x"], generate.Options.Stop);
        Assert.Equal(1f, generate.Options.Temperature);
    }

    [Fact]
    public void Completion_PromptArrayOfOneString_IsThatString()
    {
        Assert.Equal("once", OpenAiRequestMapper.ToOllama(Completion("""{"model":"tiny","prompt":["once"]}""")).Prompt);
    }

    [Theory]
    [InlineData("""{"model":"tiny"}""", "prompt is required")]
    [InlineData("""{"model":"tiny","prompt":["a","b"]}""", "prompt must be a string")]
    [InlineData("""{"model":"tiny","prompt":[1,2,3]}""", "prompt must be a string")]
    [InlineData("""{"model":"tiny","prompt":"x","max_tokens":0}""", "max_tokens must be at least 1")]
    public void Completion_InvalidRequest_SaysWhatIsWrong(string body, string expected)
    {
        var error = Assert.Throws<ValidationException>(() => OpenAiRequestMapper.ToOllama(Completion(body)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedding_Input_PassesThroughWithTruncation()
    {
        var embed = OpenAiRequestMapper.ToOllama(Embedding("""{"model":"tiny","input":["a","b"],"encoding_format":"BASE64","dimensions":8}"""));

        Assert.Equal("tiny", embed.Model);
        Assert.Equal(["a", "b"], embed.Input!.Value.EnumerateArray().Select(e => e.GetString()));
        Assert.True(embed.Truncate);
    }

    [Theory]
    [InlineData("""{"model":"tiny"}""", "input must be a string or an array of strings")]
    [InlineData("""{"model":"tiny","input":5}""", "input must be a string or an array of strings")]
    [InlineData("""{"model":"tiny","input":[]}""", "input must not be an empty array")]
    [InlineData("""{"model":"tiny","input":"x","encoding_format":"int8"}""", "encoding_format must be float or base64, not 'int8'")]
    [InlineData("""{"model":"tiny","input":"x","dimensions":0}""", "dimensions must be at least 1")]
    public void Embedding_InvalidRequest_SaysWhatIsWrong(string body, string expected)
    {
        var error = Assert.Throws<ValidationException>(() => OpenAiRequestMapper.ToOllama(Embedding(body)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embeddings_Shorten_KeepsTheFirstValuesAtUnitLength()
    {
        Assert.Equal([0.6f, 0.8f], OpenAiEmbeddings.Shorten([0.3f, 0.4f, 0.866f], 2));
        float[] whole = [0.6f, 0.8f];
        Assert.Same(whole, OpenAiEmbeddings.Shorten(whole, 2));
        Assert.Same(whole, OpenAiEmbeddings.Shorten(whole, null));
        Assert.Equal([0f, 0f], OpenAiEmbeddings.Shorten([0f, 0f, 1f], 2));
    }

    [Fact]
    public void Embeddings_Base64_IsLittleEndianFloat32()
    {
        Assert.Equal("AACAPwAAAMA=", OpenAiEmbeddings.Base64([1f, -2f]));
    }

    [Fact]
    public void Embeddings_List_NumbersTheVectorsAndCountsTokens()
    {
        var response = new OllamaEmbedResponse { Model = "tiny", Embeddings = [[1f, 0f], [0f, 1f]], PromptEvalCount = 6 };

        var floats = OpenAiEmbeddings.ToList(response, "tiny", null, null);
        var base64 = OpenAiEmbeddings.ToList(response, "tiny", "base64", 1);

        Assert.Equal([0, 1], floats.Data.Select(d => d.Index));
        Assert.Equal([0f, 1f], Assert.IsType<float[]>(floats.Data[1].Embedding));
        Assert.Equal((6, 6), (floats.Usage.PromptTokens, floats.Usage.TotalTokens));
        Assert.Equal("AACAPw==", base64.Data[0].Embedding);
        var json = JsonSerializer.Serialize(base64, OprelJsonContext.Default.OpenAiEmbeddingList);
        Assert.Contains("\"embedding\":\"AACAPw==\"", json, StringComparison.Ordinal);
        Assert.Contains("\"embedding\":[1,0]", JsonSerializer.Serialize(floats, OprelJsonContext.Default.OpenAiEmbeddingList), StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_HaveOllamasOpenAiTypes()
    {
        Assert.Equal("invalid_request_error", OpenAiErrors.For(new ValidationException("bad")).Error.Type);
        Assert.Equal("not_found_error", OpenAiErrors.For(new ModelNotFoundException("gone")).Error.Type);
        Assert.Equal("api_error", OpenAiErrors.For(new BackendException("crash")).Error.Type);
        var json = JsonSerializer.Serialize(OpenAiErrors.For(new ValidationException("bad")), OprelJsonContext.Default.OpenAiErrorResponse);
        Assert.Equal("""{"error":{"message":"bad","type":"invalid_request_error","param":null,"code":null}}""", json);
    }

    private static OpenAiChatCompletionRequest Chat(string json) => JsonSerializer.Deserialize(json, OprelJsonContext.Default.OpenAiChatCompletionRequest)!;

    private static OpenAiEmbeddingRequest Embedding(string json) => JsonSerializer.Deserialize(json, OprelJsonContext.Default.OpenAiEmbeddingRequest)!;

    private static OpenAiCompletionRequest Completion(string json) => JsonSerializer.Deserialize(json, OprelJsonContext.Default.OpenAiCompletionRequest)!;
}
