using System.Globalization;
using System.Text;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>Python's <c>strftime</c> for <c>strftime_now(format)</c>, with English names (<c>%d %b %Y</c> → <c>26 Jul 2024</c>).</summary>
internal static class Strftime
{
    public static string Format(DateTimeOffset time, string format)
    {
        var invariant = CultureInfo.InvariantCulture;
        var builder = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i == format.Length - 1)
            {
                builder.Append(format[i]);
                continue;
            }

            var directive = format[++i];
            var unpadded = false;
            if (directive == '-' && i < format.Length - 1)
            {
                unpadded = true;
                directive = format[++i];
            }

            string Number(int value, int width) => unpadded ? value.ToString(invariant) : value.ToString(new string('0', width), invariant);

            var hour12 = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
            builder.Append(directive switch
            {
                'a' => time.ToString("ddd", invariant),
                'A' => time.ToString("dddd", invariant),
                'w' => ((int)time.DayOfWeek).ToString(invariant),
                'd' => Number(time.Day, 2),
                'e' => time.Day.ToString(invariant).PadLeft(2),
                'b' or 'h' => time.ToString("MMM", invariant),
                'B' => time.ToString("MMMM", invariant),
                'm' => Number(time.Month, 2),
                'y' => Number(time.Year % 100, 2),
                'Y' => time.Year.ToString(invariant),
                'H' => Number(time.Hour, 2),
                'I' => Number(hour12, 2),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'M' => Number(time.Minute, 2),
                'S' => Number(time.Second, 2),
                'f' => (time.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", invariant),
                'j' => Number(time.DayOfYear, 3),
                'z' => (time.Offset < TimeSpan.Zero ? "-" : "+") + time.Offset.ToString("hhmm", invariant),
                'Z' => time.Offset == TimeSpan.Zero ? "UTC" : "",
                'c' => time.ToString("ddd MMM ", invariant) + time.Day.ToString(invariant).PadLeft(2) + time.ToString(" HH:mm:ss yyyy", invariant),
                'x' => time.ToString("MM/dd/yy", invariant),
                'X' => time.ToString("HH:mm:ss", invariant),
                'F' => time.ToString("yyyy-MM-dd", invariant),
                'T' => time.ToString("HH:mm:ss", invariant),
                '%' => "%",
                _ => "%" + (unpadded ? "-" : "") + directive,
            });
        }

        return builder.ToString();
    }
}
