using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Oprel.AI;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="IChatClient"/> over an Oprel (or Ollama) server, so Oprel models plug into
/// any code written against that abstraction (middleware, function invocation, DI).
/// </summary>
public sealed class OprelChatClient : IChatClient
{
    private readonly AsyncClient _client;
    private readonly bool _ownsClient;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Creates a chat client for <paramref name="model"/> on the server at <paramref name="host"/>.</summary>
    public OprelChatClient(string model, string host = "http://localhost:11434")
        : this(new AsyncClient(host), model, ownsClient: true)
    {
    }

    /// <summary>Creates a chat client for <paramref name="model"/> over an existing <see cref="AsyncClient"/>.</summary>
    public OprelChatClient(AsyncClient client, string model)
        : this(client, model, ownsClient: false)
    {
    }

    private OprelChatClient(AsyncClient client, string model, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        _client = client;
        _ownsClient = ownsClient;
        Model = model;
        _metadata = new ChatClientMetadata("oprel", client.Host, model);
    }

    /// <summary>The default model, used when ChatOptions.ModelId is not set.</summary>
    public string Model { get; }

    /// <inheritdoc/>
    public async Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await _client.ChatAsync(
            options?.ModelId ?? Model, ToOprel(messages), ToOptions(options), Format(options), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new Microsoft.Extensions.AI.ChatResponse(new ChatMessage(ChatRole.Assistant, response.Message.Content))
        {
            ModelId = response.Model,
            CreatedAt = new DateTimeOffset(response.CreatedAt, TimeSpan.Zero),
            FinishReason = FinishReason(response.DoneReason),
            Usage = Usage(response),
        };
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var responseId = Guid.NewGuid().ToString("N");
        await foreach (var chunk in _client.ChatStreamAsync(
            options?.ModelId ?? Model, ToOprel(messages), ToOptions(options), Format(options), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var update = new ChatResponseUpdate(ChatRole.Assistant, chunk.Message.Content)
            {
                ResponseId = responseId,
                ModelId = chunk.Model,
                CreatedAt = new DateTimeOffset(chunk.CreatedAt, TimeSpan.Zero),
            };
            if (chunk.Done)
            {
                update.FinishReason = FinishReason(chunk.DoneReason);
                if (Usage(chunk) is { } usage)
                {
                    update.Contents.Add(new UsageContent(usage));
                }
            }

            yield return update;
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_client) ? _client
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private static List<Message> ToOprel(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Select(m => new Message(m.Role.Value, m.Text)).ToList();
    }

    private static GenerationOptions? ToOptions(ChatOptions? options) => options is null ? null : new GenerationOptions
    {
        Temperature = options.Temperature,
        TopP = options.TopP,
        TopK = options.TopK,
        NumPredict = options.MaxOutputTokens,
        Seed = options.Seed is { } seed ? (int)(seed & int.MaxValue) : null,
        Stop = options.StopSequences?.ToArray(),
        FrequencyPenalty = options.FrequencyPenalty,
        PresencePenalty = options.PresencePenalty,
    };

    private static string? Format(ChatOptions? options) => options?.ResponseFormat switch
    {
        ChatResponseFormatJson { Schema: { } schema } => schema.GetRawText(),
        ChatResponseFormatJson => "json",
        _ => null,
    };

    private static ChatFinishReason? FinishReason(string? doneReason) => doneReason switch
    {
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        null => null,
        _ => new ChatFinishReason(doneReason),
    };

    private static UsageDetails? Usage(CompletionResponse response) =>
        response.PromptEvalCount is null && response.EvalCount is null ? null : new UsageDetails
        {
            InputTokenCount = response.PromptEvalCount,
            OutputTokenCount = response.EvalCount,
            TotalTokenCount = (response.PromptEvalCount ?? 0) + (response.EvalCount ?? 0),
        };
}
