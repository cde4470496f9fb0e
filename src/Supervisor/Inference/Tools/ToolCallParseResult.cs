using Oprel.Rpc;

namespace Oprel.Supervisor.Inference.Tools;

/// <summary>An answer split into the tool calls the model wrote and the text outside them.</summary>
internal sealed record ToolCallParseResult(string Content, IReadOnlyList<ChatToolCall> Calls);
