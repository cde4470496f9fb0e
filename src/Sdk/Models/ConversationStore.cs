namespace Oprel.Models;

/// <summary>
/// The histories behind <c>conversationId</c>: each turn sends the whole history, and the answer is added only once
/// it is complete, so a failed or cancelled turn leaves the conversation as it was.
/// </summary>
internal sealed class ConversationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Message>> _conversations = new(StringComparer.Ordinal);

    /// <summary>The messages to send for a new user turn.</summary>
    public IReadOnlyList<Message> Begin(string? conversationId, string? systemPrompt, bool reset, string prompt)
    {
        if (conversationId is null)
        {
            return systemPrompt is null ? [Message.User(prompt)] : [Message.System(systemPrompt), Message.User(prompt)];
        }

        lock (_gate)
        {
            if (reset)
            {
                _conversations.Remove(conversationId);
            }

            var history = _conversations.GetValueOrDefault(conversationId) ?? [];
            if (systemPrompt is not null)
            {
                // A system prompt given again replaces the one the conversation started with.
                history = [Message.System(systemPrompt), .. history.Where(m => m.Role != "system")];
            }

            return [.. history, Message.User(prompt)];
        }
    }

    /// <summary>Records a finished turn: the messages sent and the answer.</summary>
    public void Complete(string? conversationId, IReadOnlyList<Message> sent, string answer)
    {
        if (conversationId is null)
        {
            return;
        }

        lock (_gate)
        {
            _conversations[conversationId] = [.. sent, Message.Assistant(answer)];
        }
    }

    /// <summary>The history of a conversation (empty when unknown).</summary>
    public IReadOnlyList<Message> History(string conversationId)
    {
        lock (_gate)
        {
            return _conversations.TryGetValue(conversationId, out var history) ? [.. history] : [];
        }
    }

    public void Clear(string conversationId)
    {
        lock (_gate)
        {
            _conversations.Remove(conversationId);
        }
    }
}
