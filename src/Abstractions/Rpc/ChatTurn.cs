namespace Oprel.Rpc;

/// <summary>One message of a conversation as the engine sees it.</summary>
internal sealed record ChatTurn(string Role, string Content)
{
    /// <summary>Tools an assistant message called.</summary>
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; init; }

    /// <summary>For a "tool" message: the function whose result it carries.</summary>
    public string? ToolName { get; init; }
}
