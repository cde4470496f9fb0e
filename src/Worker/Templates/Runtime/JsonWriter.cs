using System.Globalization;
using System.Text;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>
/// The <c>tojson</c> filter as transformers defines it: Python's <c>json.dumps(value, ensure_ascii=False)</c>, so
/// <c>{"a": 1, "b": [1, 2]}</c> with <c>", "</c> and <c>": "</c> between items, or one item a line with an indent.
/// </summary>
internal static class JsonWriter
{
    private const int MaximumDepth = 256;

    public static string Serialize(Value value, JsonFormat format)
    {
        var builder = new StringBuilder();
        Write(builder, value, format, 0);
        return builder.ToString();
    }

    /// <summary>A JSON string literal as Python writes it: quotes, backslashes and control characters escaped.</summary>
    public static void WriteString(StringBuilder builder, string text, bool ensureAscii)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\r':
                    builder.Append(@"\r");
                    break;
                case '\t':
                    builder.Append(@"\t");
                    break;
                case '\b':
                    builder.Append(@"\b");
                    break;
                case '\f':
                    builder.Append(@"\f");
                    break;
                default:
                    if (c < ' ' || (ensureAscii && c > '~'))
                    {
                        builder.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static void Write(StringBuilder builder, Value value, JsonFormat format, int depth)
    {
        if (depth > MaximumDepth)
        {
            throw new TemplateRuntimeException("tojson: the value is nested too deeply");
        }

        switch (value)
        {
            case NoneValue:
                builder.Append("null");
                break;
            case BooleanValue boolean:
                builder.Append(boolean.Value ? "true" : "false");
                break;
            case IntegerValue integer:
                builder.Append(integer.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case FloatValue number:
                builder.Append(
                    double.IsNaN(number.Value) ? "NaN"
                    : double.IsPositiveInfinity(number.Value) ? "Infinity"
                    : double.IsNegativeInfinity(number.Value) ? "-Infinity"
                    : PythonFormat.Float(number.Value));
                break;
            case StringValue text:
                WriteString(builder, text.Value, format.EnsureAscii);
                break;
            case ListValue list:
                builder.Append('[');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    BeforeItem(builder, format, i, depth);
                    Write(builder, list.Items[i], format, depth + 1);
                }

                AfterItems(builder, format, list.Items.Count, depth);
                builder.Append(']');
                break;
            case DictValue dict:
                builder.Append('{');
                var entries = format.SortKeys ? dict.Entries.OrderBy(entry => entry.Key, StringComparer.Ordinal) : dict.Entries;
                var count = 0;
                foreach (var entry in entries)
                {
                    BeforeItem(builder, format, count++, depth);
                    WriteString(builder, entry.Key, format.EnsureAscii);
                    builder.Append(format.KeySeparator);
                    Write(builder, entry.Value, format, depth + 1);
                }

                AfterItems(builder, format, count, depth);
                builder.Append('}');
                break;
            default:
                throw new TemplateRuntimeException($"Object of type {Operators.Describe(value)} is not JSON serializable");
        }
    }

    private static void BeforeItem(StringBuilder builder, JsonFormat format, int index, int depth)
    {
        if (index > 0)
        {
            builder.Append(format.ItemSeparator);
        }

        NewLine(builder, format, depth + 1);
    }

    private static void AfterItems(StringBuilder builder, JsonFormat format, int count, int depth)
    {
        if (count > 0)
        {
            NewLine(builder, format, depth);
        }
    }

    private static void NewLine(StringBuilder builder, JsonFormat format, int depth)
    {
        if (format.Indent is null)
        {
            return;
        }

        builder.Append('\n');
        for (var i = 0; i < depth; i++)
        {
            builder.Append(format.Indent);
        }
    }
}
