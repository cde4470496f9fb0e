namespace Oprel.Rpc;

/// <summary>A tool call in a conversation: the function's name and its arguments as a JSON object.</summary>
internal sealed record ChatToolCall(string Name, string ArgumentsJson);
