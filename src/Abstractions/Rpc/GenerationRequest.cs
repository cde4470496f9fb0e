namespace Oprel.Rpc;

/// <summary>
/// One generation: either <see cref="Prompt"/> (completion) or <see cref="Messages"/> (chat, rendered with the
/// model's chat template). With <see cref="Raw"/> the prompt is passed to the model unchanged.
/// </summary>
internal sealed record GenerationRequest
{
    public string? Prompt { get; init; }
    public string? System { get; init; }
    public IReadOnlyList<ChatTurn>? Messages { get; init; }
    public bool Raw { get; init; }

    /// <summary>OpenAI-style tool definitions (a JSON array) the chat template shows the model, or null.</summary>
    public string? ToolsJson { get; init; }
    public SamplingOptions Sampling { get; init; } = new();

    /// <summary>A Jinja chat template to use instead of the model's own (a created model's TEMPLATE), or null.</summary>
    public string? Template { get; init; }
}
