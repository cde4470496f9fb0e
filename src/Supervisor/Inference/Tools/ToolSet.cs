namespace Oprel.Supervisor.Inference.Tools;

/// <summary>A request's checked tool definitions: the JSON array for the chat template and the functions' names.</summary>
internal sealed record ToolSet(string Json, IReadOnlyList<string> Names);
