using System.Globalization;
using System.Text;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>Python's <c>str()</c> and <c>repr()</c> of template values, which is what templates print.</summary>
internal static class PythonFormat
{
    /// <summary>Python's <c>repr(float)</c>: the shortest round-tripping digits, <c>1.0</c>, <c>1e-05</c>, <c>1e+16</c>.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = pointAt < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, pointAt), mantissa.AsSpan(pointAt + 1));
        var decimalPoint = (pointAt < 0 ? mantissa.Length : pointAt) + exponent;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        decimalPoint -= leadingZeros;
        var scientific = decimalPoint - 1;
        var builder = new StringBuilder(24);
        if (value < 0)
        {
            builder.Append('-');
        }

        if (scientific is < -4 or >= 16)
        {
            builder.Append(digits[0]);
            if (digits.Length > 1)
            {
                builder.Append('.').Append(digits, 1, digits.Length - 1);
            }

            builder.Append('e').Append(scientific < 0 ? '-' : '+').Append(Math.Abs(scientific).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (decimalPoint <= 0)
        {
            builder.Append("0.").Append('0', -decimalPoint).Append(digits);
        }
        else if (decimalPoint >= digits.Length)
        {
            builder.Append(digits).Append('0', decimalPoint - digits.Length).Append(".0");
        }
        else
        {
            builder.Append(digits, 0, decimalPoint).Append('.').Append(digits, decimalPoint, digits.Length - decimalPoint);
        }

        return builder.ToString();
    }

    /// <summary>Python's <c>repr()</c>: strings quoted, containers with their items' reprs.</summary>
    public static string Repr(Value value)
    {
        var builder = new StringBuilder();
        AppendRepr(builder, value);
        return builder.ToString();
    }

    private static void AppendRepr(StringBuilder builder, Value value)
    {
        switch (value)
        {
            case StringValue text:
                AppendQuoted(builder, text.Value);
                break;
            case ListValue list:
                builder.Append(list.IsTuple ? '(' : '[');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    AppendRepr(builder, list.Items[i]);
                }

                if (list.IsTuple && list.Items.Count == 1)
                {
                    builder.Append(',');
                }

                builder.Append(list.IsTuple ? ')' : ']');
                break;
            case DictValue dict:
                builder.Append('{');
                var first = true;
                foreach (var entry in dict.Entries)
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    AppendQuoted(builder, entry.Key);
                    builder.Append(": ");
                    AppendRepr(builder, entry.Value);
                }

                builder.Append('}');
                break;
            case UndefinedValue:
                builder.Append("Undefined");
                break;
            default:
                builder.Append(value.ToString());
                break;
        }
    }

    private static void AppendQuoted(StringBuilder builder, string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        builder.Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
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
                default:
                    if (c == quote)
                    {
                        builder.Append('\\').Append(c);
                    }
                    else if (c < ' ' || c == '\x7f')
                    {
                        builder.Append(@"\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append(quote);
    }
}
