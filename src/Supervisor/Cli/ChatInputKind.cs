namespace Oprel.Supervisor.Cli;

/// <summary>What a completed piece of chat input asks for.</summary>
internal enum ChatInputKind
{
    /// <summary>Nothing (a blank line): prompt again.</summary>
    Empty,

    /// <summary>A message for the model.</summary>
    Message,

    /// <summary>/bye or /exit: leave the chat.</summary>
    Exit,

    /// <summary>/clear: forget the conversation, keep the system prompt.</summary>
    Clear,

    /// <summary>/? or /help: list the commands.</summary>
    Help,

    /// <summary>A /command the chat does not know.</summary>
    UnknownCommand,
}
