using System.Globalization;
using System.Text;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>
/// The <c>tojson</c> filter as transformers defines it: Python's <c>json.dumps(value, ensure_ascii=False)</c>, so
/// <c>{"a": 1, "b": [1, 2]}</c> with <c>", "</c> and <c>": "</c> between items, or one item a line with <c>indent</c>.
/// </summary>
internal static class JsonWriter
{
    /// <summary>Serializes <paramref name="value"/>; <paramref name="indent"/> null keeps it on one line.</summary>
    public static string Serialize(Value value, string? indent = null, string? itemSeparator = null, string keySeparator = ": ", bool sortKeys = false, bool ensureAscii = false)
    {
        var builder = new StringBuilder();
        var writer = new Writer(builder, indent, itemSeparator ?? (indent is null ? ", " : ","), keySeparator, sortKeys, ensureAscii);
        writer.Write(value, 0);
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

    private sealed class Writer(StringBuilder builder, string? indent, string itemSeparator, string keySeparator, bool sortKeys, bool ensureAscii)
    {
        public void Write(Value value, int depth)
        {
            if (depth > 256)
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
                    WriteString(builder, text.Value, ensureAscii);
                    break;
                case ListValue list:
                    WriteItems('[', ']', list.Items.Count, list.Items, static (writer, item, depth) => writer.Write(item, depth), depth);
                    break;
                case DictValue dict:
                    var entries = sortKeys ? dict.Entries.OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList() : dict.Entries.ToList();
                    WriteItems('{', '}', entries.Count, entries, WriteEntry, depth);
                    break;
                default:
                    throw new TemplateRuntimeException($"Object of type {Operators.Describe(value)} is not JSON serializable");
            }
        }

        private void WriteEntry(Writer writer, KeyValuePair<string, Value> entry, int depth)
        {
            WriteString(builder, entry.Key, ensureAscii);
            builder.Append(keySeparator);
            writer.Write(entry.Value, depth);
        }

        private void WriteItems<T>(char open, char close, int count, IEnumerable<T> items, Action<Writer, T, int> write, int depth)
        {
            builder.Append(open);
            if (count == 0)
            {
                builder.Append(close);
                return;
            }

            var first = true;
            foreach (var item in items)
            {
                if (!first)
                {
                    builder.Append(itemSeparator);
                }

                first = false;
                NewLine(depth + 1);
                write(this, item, depth + 1);
            }

            NewLine(depth);
            builder.Append(close);
        }

        private void NewLine(int depth)
        {
            if (indent is null)
            {
                return;
            }

            builder.Append('\n');
            for (var i = 0; i < depth; i++)
            {
                builder.Append(indent);
            }
        }
    }
}
