using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Oprel.Bench;

/// <summary>
/// Reads an HTTP/1.1 response from a blocking socket: the status line and headers, then the body (chunked or plain)
/// line by line, as NDJSON arrives. A response read to its end leaves the connection ready for the next request
/// (<see cref="EndedCleanly"/>).
/// </summary>
internal sealed class ChunkedResponseReader(Socket socket)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly List<byte> _line = [];
    private int _start;
    private int _end;
    private bool _chunked;
    private long _chunkLeft;
    private bool _bodyDone;
    private bool _lastChunkRead;
    private bool _closing;

    /// <summary>
    /// True when the body ended with its last chunk, nothing followed it and the server keeps the connection: it can
    /// carry the next request.
    /// </summary>
    public bool EndedCleanly => _lastChunkRead && !_closing && _start == _end;

    /// <summary>Reads the status line and the headers; returns the status code, or null when the server closed the connection first.</summary>
    public int? TryReadHead()
    {
        if (ReadRawLine() is not { } statusLine)
        {
            return null;
        }

        var status = int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
        while (ReadRawLine() is { Length: > 0 } header)
        {
            if (header.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && header.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                _chunked = true;
            }
            else if (header.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase) && header.Contains("close", StringComparison.OrdinalIgnoreCase))
            {
                _closing = true;
            }
        }

        _chunkLeft = _chunked ? 0 : long.MaxValue;
        return status;
    }

    /// <summary>The next line of the body (without its newline), or null at its end.</summary>
    public byte[]? ReadLine()
    {
        _line.Clear();
        while (NextBodyByte() is { } b)
        {
            if (b == (byte)'\n')
            {
                return [.. _line];
            }

            _line.Add(b);
        }

        return _line.Count > 0 ? [.. _line] : null;
    }

    public byte[] ReadToEnd()
    {
        var all = new List<byte>();
        while (NextBodyByte() is { } b)
        {
            all.Add(b);
        }

        return [.. all];
    }

    private byte? NextBodyByte()
    {
        if (_bodyDone)
        {
            return null;
        }

        if (_chunkLeft == 0)
        {
            if (!_chunked)
            {
                _bodyDone = true;
                return null;
            }

            var size = ReadRawLine();
            if (size is { Length: 0 })
            {
                size = ReadRawLine();
            }

            _chunkLeft = size is null ? 0 : long.Parse(size.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (_chunkLeft == 0)
            {
                // The last chunk: trailers, if any, up to the empty line that ends the response.
                while (ReadRawLine() is { Length: > 0 })
                {
                }

                _lastChunkRead = size is not null;
                _bodyDone = true;
                return null;
            }
        }

        var next = NextByte();
        if (next is null)
        {
            _bodyDone = true;
            return null;
        }

        _chunkLeft--;
        return next;
    }

    private string? ReadRawLine()
    {
        var bytes = new List<byte>();
        while (NextByte() is { } b)
        {
            if (b == (byte)'\n')
            {
                return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
            }

            bytes.Add(b);
        }

        return bytes.Count > 0 ? Encoding.ASCII.GetString([.. bytes]) : null;
    }

    private byte? NextByte()
    {
        if (_start == _end)
        {
            _start = 0;
            _end = socket.Receive(_buffer);
            if (_end == 0)
            {
                return null;
            }
        }

        return _buffer[_start++];
    }
}
