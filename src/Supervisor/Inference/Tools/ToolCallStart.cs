namespace Oprel.Supervisor.Inference.Tools;

/// <summary>What the beginning of an answer says about whether it is a tool call.</summary>
internal enum ToolCallStart
{
    /// <summary>Too little text to tell (only whitespace, or a prefix of the format's marker).</summary>
    Undecided,

    /// <summary>It may be a tool call: the answer is held back and parsed once it is complete.</summary>
    Possible,

    /// <summary>It is text: stream it.</summary>
    Text,
}
