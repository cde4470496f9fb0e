namespace Oprel.Supervisor.Tests.Telemetry;

/// <summary>Walks the fields of one protobuf message: enough of the wire format to read OTLP in tests.</summary>
internal sealed class ProtobufReader(ReadOnlyMemory<byte> message)
{
    private int _position;

    /// <summary>Reads the next field: its number, and its bytes (length-delimited) or its value (varint, fixed).</summary>
    public bool TryRead(out int field, out ReadOnlyMemory<byte> bytes, out ulong value)
    {
        bytes = default;
        value = 0;
        field = 0;
        if (_position >= message.Length)
        {
            return false;
        }

        var tag = ReadVarint();
        field = (int)(tag >> 3);
        switch (tag & 7)
        {
            case 0:
                value = ReadVarint();
                break;
            case 1:
                value = BitConverter.ToUInt64(message.Span.Slice(_position, 8));
                _position += 8;
                break;
            case 2:
                var length = (int)ReadVarint();
                bytes = message.Slice(_position, length);
                _position += length;
                break;
            case 5:
                value = BitConverter.ToUInt32(message.Span.Slice(_position, 4));
                _position += 4;
                break;
            default:
                throw new InvalidDataException($"wire type {tag & 7} at {_position}");
        }

        return true;
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message.Span[_position++];
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
    }
}
