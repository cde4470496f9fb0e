namespace Oprel.Worker.Templates;

/// <summary>What a chat template is rendered with: the variables transformers passes to a model's template.</summary>
internal sealed record ChatTemplateContext
{
    /// <summary>The conversation (<c>messages</c>).</summary>
    public required IReadOnlyList<ChatTemplateMessage> Messages { get; init; }

    /// <summary>Whether the prompt ends with the opening of the assistant's turn (<c>add_generation_prompt</c>).</summary>
    public bool AddGenerationPrompt { get; init; } = true;

    /// <summary>The model's beginning-of-sequence token text (<c>bos_token</c>).</summary>
    public string BosToken { get; init; } = "";

    /// <summary>The model's end-of-sequence token text (<c>eos_token</c>).</summary>
    public string EosToken { get; init; } = "";

    /// <summary>A JSON array of OpenAI-style tool definitions (<c>tools</c>), or null: then <c>tools</c> is none.</summary>
    public string? ToolsJson { get; init; }

    /// <summary>
    /// More template variables, such as <c>enable_thinking = false</c>. Values are null, booleans, numbers, strings,
    /// <see cref="System.Text.Json.JsonElement"/>s, dictionaries with string keys and sequences of these.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Extra { get; init; } = new Dictionary<string, object?>();

    /// <summary>The clock that <c>strftime_now(format)</c> reads (local time).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
