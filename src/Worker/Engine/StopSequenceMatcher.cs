using System.Text;

namespace Oprel.Worker.Engine;

/// <summary>
/// Finds stop sequences in streamed text. Text that might be the start of a stop sequence is held back until
/// it is known not to be one, so a stop sequence never reaches the caller, not even in part.
/// </summary>
internal sealed class StopSequenceMatcher
{
    private readonly IReadOnlyList<string> _stops;
    private readonly StringBuilder _pending = new();

    public StopSequenceMatcher(IReadOnlyList<string> stops)
    {
        ArgumentNullException.ThrowIfNull(stops);
        _stops = stops.Where(s => s.Length > 0).ToArray();
    }

    /// <summary>True once a stop sequence was seen; later text is ignored.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Adds generated text and returns the part that is safe to emit now.</summary>
    public string Append(string text)
    {
        if (Stopped)
        {
            return "";
        }

        if (_stops.Count == 0)
        {
            return text;
        }

        _pending.Append(text);
        var buffer = _pending.ToString();
        var firstStop = -1;
        foreach (var stop in _stops)
        {
            var index = buffer.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (firstStop < 0 || index < firstStop))
            {
                firstStop = index;
            }
        }

        if (firstStop >= 0)
        {
            Stopped = true;
            _pending.Clear();
            return buffer[..firstStop];
        }

        var hold = LongestSuffixThatStartsAStop(buffer);
        _pending.Clear();
        _pending.Append(buffer, buffer.Length - hold, hold);
        return buffer[..^hold];
    }

    /// <summary>Returns the held-back text at the end of a generation that did not stop on a stop sequence.</summary>
    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return Stopped ? "" : rest;
    }

    private int LongestSuffixThatStartsAStop(string buffer)
    {
        var longest = 0;
        foreach (var stop in _stops)
        {
            var max = Math.Min(stop.Length - 1, buffer.Length);
            for (var length = max; length > longest; length--)
            {
                if (buffer.AsSpan(buffer.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}
