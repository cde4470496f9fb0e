namespace Oprel.Supervisor.Cli;

/// <summary>A completed piece of chat input: a message (its text) or a command (the command as typed).</summary>
internal sealed record ChatInput(ChatInputKind Kind, string Text = "");
