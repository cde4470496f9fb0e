namespace Oprel.Supervisor.Inference.Tools;

/// <summary>How a model writes its tool calls, as its chat template shows it.</summary>
internal enum ToolCallFormat
{
    /// <summary>No marker: the whole answer is a JSON object with a name and arguments (or parameters).</summary>
    Json,

    /// <summary>Hermes and Qwen: <c>&lt;tool_call&gt;{"name": …, "arguments": …}&lt;/tool_call&gt;</c>, one block per call.</summary>
    Hermes,

    /// <summary>Mistral: <c>[TOOL_CALLS][{"name": …, "arguments": …}]</c>, or the newer <c>[TOOL_CALLS]name[ARGS]{…}</c>.</summary>
    Mistral,

    /// <summary>Llama 3.1 and 3.2: <c>{"name": …, "parameters": …}</c>, maybe after <c>&lt;|python_tag|&gt;</c>, several separated by <c>;</c>.</summary>
    Llama,
}
