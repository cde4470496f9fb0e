namespace Oprel.Worker.Templates;

/// <summary>A tool call made by the assistant: the function's name and its arguments as a JSON object.</summary>
internal sealed record ChatTemplateToolCall(string Name, string ArgumentsJson)
{
    /// <summary>
    /// The call's id (<c>tool_calls[i].id</c>). When null the template gets a stable generated one
    /// (<c>call00001</c>, <c>call00002</c>, … in conversation order: 9 alphanumerics, as Mistral's template demands).
    /// </summary>
    public string? Id { get; init; }
}
