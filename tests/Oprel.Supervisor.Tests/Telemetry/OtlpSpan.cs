namespace Oprel.Supervisor.Tests.Telemetry;

/// <summary>A span as an OTLP collector received it; ids in lowercase hex, empty parent for a root.</summary>
internal sealed record OtlpSpan(string Service, string Name, string TraceId, string SpanId, string ParentSpanId, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>Reads the spans of an OTLP ExportTraceServiceRequest (protobuf).</summary>
    public static IEnumerable<OtlpSpan> Parse(ReadOnlyMemory<byte> request)
    {
        var spans = new List<OtlpSpan>();
        var top = new ProtobufReader(request);
        while (top.TryRead(out var field, out var resourceSpans, out _))
        {
            if (field != 1)
            {
                continue;
            }

            var service = "";
            var scopes = new List<ReadOnlyMemory<byte>>();
            var reader = new ProtobufReader(resourceSpans);
            while (reader.TryRead(out var f, out var bytes, out _))
            {
                if (f == 1)
                {
                    service = ReadAttributes(bytes, 1).GetValueOrDefault("service.name", "");
                }
                else if (f == 2)
                {
                    scopes.Add(bytes);
                }
            }

            foreach (var scope in scopes)
            {
                var scopeReader = new ProtobufReader(scope);
                while (scopeReader.TryRead(out var f, out var span, out _))
                {
                    if (f == 2)
                    {
                        spans.Add(ParseSpan(service, span));
                    }
                }
            }
        }

        return spans;
    }

    private static OtlpSpan ParseSpan(string service, ReadOnlyMemory<byte> span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = 0;
        var reader = new ProtobufReader(span);
        while (reader.TryRead(out var field, out var bytes, out var value))
        {
            switch (field)
            {
                case 1:
                    traceId = Convert.ToHexStringLower(bytes.Span);
                    break;
                case 2:
                    spanId = Convert.ToHexStringLower(bytes.Span);
                    break;
                case 4:
                    parent = Convert.ToHexStringLower(bytes.Span);
                    break;
                case 5:
                    name = System.Text.Encoding.UTF8.GetString(bytes.Span);
                    break;
                case 6:
                    kind = (int)value;
                    break;
            }
        }

        return new OtlpSpan(service, name, traceId, spanId, parent, kind, ReadAttributes(span, 9));
    }

    /// <summary>The string (or integer) attributes in the repeated KeyValue field <paramref name="field"/> of a message.</summary>
    private static Dictionary<string, string> ReadAttributes(ReadOnlyMemory<byte> message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new ProtobufReader(message);
        while (reader.TryRead(out var f, out var keyValue, out _))
        {
            if (f != field)
            {
                continue;
            }

            string key = "", text = "";
            var pair = new ProtobufReader(keyValue);
            while (pair.TryRead(out var kf, out var bytes, out _))
            {
                if (kf == 1)
                {
                    key = System.Text.Encoding.UTF8.GetString(bytes.Span);
                }
                else if (kf == 2)
                {
                    var any = new ProtobufReader(bytes);
                    while (any.TryRead(out var af, out var valueBytes, out var number))
                    {
                        text = af switch
                        {
                            1 => System.Text.Encoding.UTF8.GetString(valueBytes.Span),
                            3 => ((long)number).ToString(System.Globalization.CultureInfo.InvariantCulture),
                            _ => text,
                        };
                    }
                }
            }

            attributes[key] = text;
        }

        return attributes;
    }
}
