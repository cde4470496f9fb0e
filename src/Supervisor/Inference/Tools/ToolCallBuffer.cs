using System.Text;

namespace Oprel.Supervisor.Inference.Tools;

/// <summary>
/// The streamed text of an answer to a request with tools: passed on as it comes unless its beginning may be a tool
/// call, in which case it is held back until the answer is complete and then parsed.
/// </summary>
internal sealed class ToolCallBuffer(ToolCallParser parser)
{
    private readonly StringBuilder _held = new();
    private ToolCallStart _start = ToolCallStart.Undecided;

    /// <summary>Takes the next piece of the answer; returns the text to send now (empty while it is held back).</summary>
    public string Push(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_start == ToolCallStart.Text)
        {
            return text;
        }

        _held.Append(text);
        if (_start == ToolCallStart.Possible)
        {
            return "";
        }

        _start = parser.Classify(_held.ToString());
        if (_start != ToolCallStart.Text)
        {
            return "";
        }

        var released = _held.ToString();
        _held.Clear();
        return released;
    }

    /// <summary>At the end of the answer: the held text, split into tool calls and the content outside them.</summary>
    public ToolCallParseResult Finish()
    {
        var held = _held.ToString();
        _held.Clear();
        return _start == ToolCallStart.Possible ? parser.Parse(held) : new ToolCallParseResult(held, []);
    }
}
