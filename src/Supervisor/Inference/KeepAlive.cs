using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Oprel.Supervisor.Inference;

/// <summary>
/// Parses Ollama's keep_alive: a number of seconds, or a Go duration ("10m", "1h30m", "500ms"); zero unloads at
/// once and a negative value keeps the model loaded.
/// </summary>
internal static partial class KeepAlive
{
    public static TimeSpan? Parse(JsonElement? value)
    {
        if (value is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        return element.ValueKind switch
        {
            JsonValueKind.Number when element.TryGetDouble(out var seconds) => FromSeconds(seconds),
            JsonValueKind.String => Parse(element.GetString()!),
            _ => throw new ValidationException($"keep_alive must be a duration such as \"5m\" or a number of seconds, not {element.GetRawText()}."),
        };
    }

    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return FromSeconds(seconds);
        }

        var match = DurationPattern().Match(trimmed);
        if (!match.Success || trimmed.Length == 0)
        {
            throw new ValidationException($"keep_alive \"{text}\" is not a duration; use e.g. \"10m\", \"1h30m\", \"45s\" or a number of seconds.");
        }

        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitStart = part.Value.IndexOfAny(['n', 'u', 'µ', 'm', 's', 'h']);
            var amount = double.Parse(part.Value[..unitStart], CultureInfo.InvariantCulture);
            total += part.Value[unitStart..] switch
            {
                "ns" => TimeSpan.FromTicks((long)(amount / 100)),
                "us" or "µs" => TimeSpan.FromTicks((long)(amount * 10)),
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
        }

        return match.Groups["sign"].Value == "-" ? Forever : total;
    }

    /// <summary>Any negative value: never unload.</summary>
    public static TimeSpan Forever => Timeout.InfiniteTimeSpan;

    private static TimeSpan FromSeconds(double seconds) => seconds < 0 ? Forever : TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));

    [GeneratedRegex(@"^(?<sign>[-+]?)(?<part>\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
