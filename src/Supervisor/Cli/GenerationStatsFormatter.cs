using System.Globalization;
using System.Text;
using Oprel.OllamaApi;

namespace Oprel.Supervisor.Cli;

/// <summary>Writes the counts and timings of a final chunk the way `ollama run --verbose` does.</summary>
internal static class GenerationStatsFormatter
{
    private const long NanosecondsPerMicrosecond = 1_000;
    private const long NanosecondsPerMillisecond = 1_000_000;
    private const long NanosecondsPerSecond = 1_000_000_000;
    private const long NanosecondsPerMinute = 60 * NanosecondsPerSecond;
    private const long NanosecondsPerHour = 60 * NanosecondsPerMinute;

    /// <summary>The stats, one "name: value" line each (aligned), only those the chunk carries.</summary>
    public static string Format(OllamaCompletionStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var text = new StringBuilder();
        if (stats.TotalDuration is > 0 and var total)
        {
            AppendLine(text, "total duration:", FormatDuration(total));
        }

        if (stats.LoadDuration is > 0 and var load)
        {
            AppendLine(text, "load duration:", FormatDuration(load));
        }

        if (stats.PromptEvalCount is > 0 and var promptCount)
        {
            AppendLine(text, "prompt eval count:", $"{promptCount.ToString(CultureInfo.InvariantCulture)} token(s)");
        }

        if (stats.PromptEvalDuration is > 0 and var promptDuration)
        {
            AppendLine(text, "prompt eval duration:", FormatDuration(promptDuration));
            AppendLine(text, "prompt eval rate:", FormatRate(stats.PromptEvalCount ?? 0, promptDuration));
        }

        if (stats.EvalCount is > 0 and var evalCount)
        {
            AppendLine(text, "eval count:", $"{evalCount.ToString(CultureInfo.InvariantCulture)} token(s)");
        }

        if (stats.EvalDuration is > 0 and var evalDuration)
        {
            AppendLine(text, "eval duration:", FormatDuration(evalDuration));
            AppendLine(text, "eval rate:", FormatRate(stats.EvalCount ?? 0, evalDuration));
        }

        return text.ToString();
    }

    /// <summary>A duration in nanoseconds as Go prints one (Ollama's format): 850ns, 12.5µs, 3.25ms, 1.5s, 2m3.5s, 1h0m2s.</summary>
    public static string FormatDuration(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            return "-" + FormatDuration(-nanoseconds);
        }

        if (nanoseconds == 0)
        {
            return "0s";
        }

        if (nanoseconds < NanosecondsPerMicrosecond)
        {
            return $"{nanoseconds.ToString(CultureInfo.InvariantCulture)}ns";
        }

        if (nanoseconds < NanosecondsPerMillisecond)
        {
            return Decimal(nanoseconds, NanosecondsPerMicrosecond, 3) + "µs";
        }

        if (nanoseconds < NanosecondsPerSecond)
        {
            return Decimal(nanoseconds, NanosecondsPerMillisecond, 6) + "ms";
        }

        var text = new StringBuilder();
        var hours = nanoseconds / NanosecondsPerHour;
        var minutes = nanoseconds % NanosecondsPerHour / NanosecondsPerMinute;
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        return text.Append(Decimal(nanoseconds % NanosecondsPerMinute, NanosecondsPerSecond, 9)).Append('s').ToString();
    }

    /// <summary>Tokens per second with two decimals, e.g. "65.25 tokens/s".</summary>
    public static string FormatRate(int tokens, long nanoseconds) =>
        nanoseconds <= 0
            ? "0.00 tokens/s"
            : $"{(tokens / (nanoseconds / (double)NanosecondsPerSecond)).ToString("F2", CultureInfo.InvariantCulture)} tokens/s";

    private static void AppendLine(StringBuilder text, string name, string value) =>
        text.Append(name.PadRight(22)).Append(value).Append('\n');

    private static string Decimal(long value, long unit, int digits)
    {
        var whole = (value / unit).ToString(CultureInfo.InvariantCulture);
        var fraction = (value % unit).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return fraction.Length == 0 ? whole : $"{whole}.{fraction}";
    }
}
