using Oprel.OllamaApi;

namespace Oprel.Supervisor.Cli;

/// <summary>A conversation with one model: the optional system prompt and the turns so far, sent whole with each new message.</summary>
internal sealed class ChatSession
{
    public const string UserRole = "user";
    public const string AssistantRole = "assistant";
    public const string SystemRole = "system";

    private readonly List<OllamaMessage> _turns = [];

    public ChatSession(string model, string? systemPrompt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Model = model;
        SystemPrompt = string.IsNullOrWhiteSpace(systemPrompt) ? null : systemPrompt;
    }

    public string Model { get; }

    public string? SystemPrompt { get; }

    /// <summary>The history as it is sent: the system message first (when there is one), then the turns in order.</summary>
    public IReadOnlyList<OllamaMessage> Messages =>
        SystemPrompt is null ? [.. _turns] : [new OllamaMessage { Role = SystemRole, Content = SystemPrompt }, .. _turns];

    /// <summary>The streaming request for a new user message: the whole history plus the message. The history is unchanged until <see cref="Commit"/>.</summary>
    public OllamaChatRequest CreateRequest(string userMessage)
    {
        ArgumentNullException.ThrowIfNull(userMessage);
        return new OllamaChatRequest
        {
            Model = Model,
            Messages = [.. Messages, new OllamaMessage { Role = UserRole, Content = userMessage }],
            Stream = true,
        };
    }

    /// <summary>Records a finished turn: the user's message and the model's answer.</summary>
    public void Commit(string userMessage, string answer)
    {
        ArgumentNullException.ThrowIfNull(userMessage);
        ArgumentNullException.ThrowIfNull(answer);
        _turns.Add(new OllamaMessage { Role = UserRole, Content = userMessage });
        _turns.Add(new OllamaMessage { Role = AssistantRole, Content = answer });
    }

    /// <summary>Forgets the turns; the system prompt stays.</summary>
    public void Clear() => _turns.Clear();
}
