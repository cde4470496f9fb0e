namespace Oprel.Worker.Templates;

/// <summary>
/// One chat message as a template sees it: <c>message.role</c>, <c>message.content</c>, and where set
/// <c>message.tool_calls</c>, <c>message.name</c>, <c>message.tool_call_id</c> and <c>message.reasoning_content</c>.
/// </summary>
internal sealed record ChatTemplateMessage(string Role, string Content)
{
    /// <summary>
    /// The assistant's tool calls, rendered as <c>message.tool_calls = [{id, type: 'function', function: {name, arguments}}]</c>
    /// with <c>arguments</c> a dict (a string when it is not a JSON object). Null or empty leaves <c>tool_calls</c> undefined.
    /// </summary>
    public IReadOnlyList<ChatTemplateToolCall>? ToolCalls { get; init; }

    /// <summary>For role <c>tool</c>: the function whose result this is (<c>message.name</c>).</summary>
    public string? ToolName { get; init; }

    /// <summary>
    /// For role <c>tool</c>: the id of the call this answers (<c>message.tool_call_id</c>). When null it is the id of
    /// the preceding assistant message's first unanswered call (preferring one of the same <see cref="ToolName"/>).
    /// </summary>
    public string? ToolCallId { get; init; }

    /// <summary>The assistant's reasoning (<c>message.reasoning_content</c>); null leaves it undefined.</summary>
    public string? Thinking { get; init; }
}
