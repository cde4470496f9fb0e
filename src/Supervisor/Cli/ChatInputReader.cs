using System.Text;

namespace Oprel.Supervisor.Cli;

/// <summary>
/// Turns the lines typed at the chat prompt into messages and commands, as `ollama run` does: a line starting with
/// """ opens a multi-line message that the next line ending with """ closes; a line starting with / is a command.
/// </summary>
internal sealed class ChatInputReader
{
    private const string Fence = "\"\"\"";
    private List<string>? _lines;

    /// <summary>True inside a """ message: the next line continues it (the prompt shows "... ").</summary>
    public bool IsContinuing => _lines is not null;

    /// <summary>Adds a line; returns the completed input, or null while a multi-line message is still open.</summary>
    public ChatInput? Add(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (_lines is not null)
        {
            var end = line.TrimEnd();
            if (!end.EndsWith(Fence, StringComparison.Ordinal))
            {
                _lines.Add(line);
                return null;
            }

            _lines.Add(end[..^Fence.Length]);
            return Complete();
        }

        var text = line.Trim();
        if (text.StartsWith(Fence, StringComparison.Ordinal))
        {
            var rest = text[Fence.Length..];
            if (rest.Length >= Fence.Length && rest.EndsWith(Fence, StringComparison.Ordinal))
            {
                return AsMessage(rest[..^Fence.Length]);
            }

            _lines = [rest];
            return null;
        }

        if (text.Length == 0)
        {
            return new ChatInput(ChatInputKind.Empty);
        }

        return text[0] == '/' ? AsCommand(text) : new ChatInput(ChatInputKind.Message, text);
    }

    /// <summary>Drops a multi-line message that is still open (at the end of input, or on Ctrl+C).</summary>
    public void Reset() => _lines = null;

    private ChatInput Complete()
    {
        var lines = _lines!;
        _lines = null;
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (text.Length > 0 || line.Length > 0)
            {
                text.Append(line).Append('\n');
            }
        }

        return AsMessage(text.ToString().TrimEnd('\n', '\r'));
    }

    private static ChatInput AsMessage(string text) =>
        string.IsNullOrWhiteSpace(text) ? new ChatInput(ChatInputKind.Empty) : new ChatInput(ChatInputKind.Message, text);

    private static ChatInput AsCommand(string text)
    {
        var command = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
        var kind = command.ToUpperInvariant() switch
        {
            "/BYE" or "/EXIT" => ChatInputKind.Exit,
            "/CLEAR" => ChatInputKind.Clear,
            "/?" or "/HELP" => ChatInputKind.Help,
            _ => ChatInputKind.UnknownCommand,
        };
        return new ChatInput(kind, command);
    }
}
