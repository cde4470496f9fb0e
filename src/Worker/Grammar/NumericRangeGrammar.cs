using System.Globalization;

namespace Oprel.Worker.Grammar;

/// <summary>
/// GBNF for JSON numbers within bounds, built digit by digit (the way a regular expression for a numeric range is):
/// integers in [min, max], and decimals (no exponent) whose value lies in [min, max]. Magnitudes are limited to
/// <see cref="JsonPrimitiveRules.MaxIntegerDigits"/> digits before and after the point, like the unbounded number rule.
/// </summary>
internal static class NumericRangeGrammar
{
    /// <summary>The largest magnitude of an integral part: sixteen nines.</summary>
    public const long MaxMagnitude = 9_999_999_999_999_999;

    private const int MaxFractionDigits = JsonPrimitiveRules.MaxIntegerDigits;

    private const decimal FractionScale = 10_000_000_000_000_000m;

    /// <summary>
    /// Integers <c>n</c> with <c>min ≤ n ≤ max</c> (a missing bound: as far as sixteen digits reach), or
    /// <see langword="null"/> when there is none.
    /// </summary>
    public static string? IntegerRange(decimal? min, decimal? max)
    {
        var low = min is { } lower ? decimal.Ceiling(lower) : -MaxMagnitude;
        var high = max is { } upper ? decimal.Floor(upper) : MaxMagnitude;
        low = Math.Max(low, -MaxMagnitude);
        high = Math.Min(high, MaxMagnitude);
        if (low > high)
        {
            return null;
        }

        var (first, last) = ((long)low, (long)high);
        var alternatives = new List<string>();
        if (last >= 0)
        {
            alternatives.AddRange(NaturalRange(Math.Max(first, 0), last));
        }

        if (first < 0)
        {
            alternatives.Add($"\"-\" {Group(NaturalRange(Math.Max(1, -last), -first))}");
        }

        return string.Join(" | ", alternatives);
    }

    /// <summary>
    /// Numbers written without an exponent (<c>-12.5</c>) whose value lies in [min, max], or <see langword="null"/> when
    /// there is none. Bounds may be fractional; a missing bound reaches as far as sixteen digits do.
    /// </summary>
    public static string? DecimalRange(decimal? min, decimal? max)
    {
        if (min is { } lower && max is { } upper && lower > upper)
        {
            return null;
        }

        if (min > MaxMagnitude || max < -MaxMagnitude)
        {
            return null;
        }

        var alternatives = new List<string>();
        if (max is null or >= 0)
        {
            var low = min is { } positiveLow && positiveLow > 0 ? positiveLow : 0m;
            if (NonNegativeDecimal(low, max) is { } positive)
            {
                alternatives.Add(positive);
            }
        }

        if (min is null or < 0)
        {
            // -x lies in [min, max] when x lies in [-max, -min]; a magnitude of zero ("-0.0") is zero, so it is allowed.
            var low = max is { } negativeHigh && negativeHigh < 0 ? -negativeHigh : 0m;
            if (NonNegativeDecimal(low, -min) is { } negative)
            {
                alternatives.Add($"\"-\" ( {negative} )");
            }
        }

        return alternatives.Count == 0 ? null : string.Join(" | ", alternatives);
    }

    /// <summary>Non-negative decimals in [low, high]: integral part, then an optional fraction the bounds allow.</summary>
    private static string? NonNegativeDecimal(decimal low, decimal? high)
    {
        // Bounds finer than the fraction digits the grammar writes are rounded inwards.
        low = RoundFraction(low, up: true);
        high = high is { } bound ? RoundFraction(bound, up: false) : null;
        if (low > high)
        {
            return null;
        }
        var lowInteger = (long)decimal.Floor(low);
        var lowFraction = FractionDigits(low);
        if (high is not { } upper || upper >= MaxMagnitude + 1)
        {
            var alternatives = new List<string> { Sequence(Digits(lowInteger), Fraction(lowFraction, null)) };
            if (lowInteger < MaxMagnitude)
            {
                alternatives.Add(Sequence(Group(NaturalRange(lowInteger + 1, MaxMagnitude)), Fraction("", null)));
            }

            return string.Join(" | ", alternatives);
        }

        var highInteger = (long)decimal.Floor(upper);
        var highFraction = FractionDigits(upper);
        if (lowInteger == highInteger)
        {
            return Sequence(Digits(lowInteger), Fraction(lowFraction, highFraction));
        }

        var result = new List<string> { Sequence(Digits(lowInteger), Fraction(lowFraction, null)) };
        if (lowInteger + 1 <= highInteger - 1)
        {
            result.Add(Sequence(Group(NaturalRange(lowInteger + 1, highInteger - 1)), Fraction("", null)));
        }

        result.Add(Sequence(Digits(highInteger), Fraction("", highFraction)));
        return string.Join(" | ", result);
    }

    /// <summary>
    /// The optional fraction of a number whose integral part is fixed, such that <c>0.fraction</c> lies in
    /// [<c>0.low</c>, <c>0.high</c>] (<paramref name="high"/> <see langword="null"/>: below one). Digit strings carry no
    /// trailing zeros; an empty one is zero.
    /// </summary>
    private static string Fraction(string low, string? high)
    {
        if (high is "")
        {
            // Only a fraction of zero: leave it out.
            return "";
        }

        var digits = Group(FractionAlternatives(low, high, MaxFractionDigits));
        return low.Length == 0 ? $"( \".\" {digits} )?" : $"\".\" {digits}";
    }

    /// <summary>Digit strings <c>d</c> of one to <paramref name="length"/> digits with <c>0.low ≤ 0.d ≤ 0.high</c>.</summary>
    private static List<string> FractionAlternatives(string low, string? high, int length)
    {
        var alternatives = new List<string>();
        var lowFirst = low.Length > 0 ? low[0] - '0' : 0;
        var lowRest = low.Length > 0 ? low[1..].TrimEnd('0') : "";
        var highFirst = high is null ? 9 : high.Length > 0 ? high[0] - '0' : 0;
        var highRest = high is null ? null : high.Length > 0 ? high[1..].TrimEnd('0') : "";
        var free = GbnfText.Repeat("[0-9]", 0, length - 1);

        // First digits strictly inside the bounds, or on a bound that leaves the rest free, take any rest.
        var freeFirst = lowRest.Length == 0 ? lowFirst : lowFirst + 1;
        var freeLast = highRest is null ? highFirst : highFirst - 1;
        if (lowFirst == highFirst)
        {
            alternatives.AddRange(BoundDigit(lowFirst, lowRest, highRest, length));
            return alternatives;
        }

        if (lowRest.Length > 0)
        {
            alternatives.AddRange(BoundDigit(lowFirst, lowRest, null, length));
        }

        if (freeFirst <= freeLast)
        {
            alternatives.Add(Sequence(DigitClass(freeFirst, freeLast), free));
        }

        if (highRest is not null)
        {
            alternatives.AddRange(BoundDigit(highFirst, "", highRest, length));
        }

        return alternatives;
    }

    /// <summary>A first digit on a bound, followed by a rest within what that bound leaves (possibly nothing).</summary>
    private static IEnumerable<string> BoundDigit(int digit, string lowRest, string? highRest, int length)
    {
        var head = Quote(digit.ToString(CultureInfo.InvariantCulture));
        if (length == 1 || highRest is "")
        {
            // Nothing may follow (no room, or the upper bound ends here); that is enough only if the lower bound ends too.
            return lowRest.Length == 0 ? [head] : [];
        }

        var rest = FractionAlternatives(lowRest, highRest, length - 1);
        if (rest.Count == 0)
        {
            return lowRest.Length == 0 ? [head] : [];
        }

        return lowRest.Length == 0 ? [$"{head} {Group(rest)}?"] : [$"{head} {Group(rest)}"];
    }

    /// <summary>Decimal integers without leading zeros in [low, high], 0 ≤ low ≤ high, as alternatives.</summary>
    private static List<string> NaturalRange(long low, long high)
    {
        var alternatives = new List<string>();
        var lowText = low.ToString(CultureInfo.InvariantCulture);
        var highText = high.ToString(CultureInfo.InvariantCulture);
        int? fullFrom = null;
        for (var length = lowText.Length; length <= highText.Length; length++)
        {
            var first = length == lowText.Length ? lowText : "1" + new string('0', length - 1);
            var last = length == highText.Length ? highText : new string('9', length);
            if (length > 1 && first == "1" + new string('0', length - 1) && last == new string('9', length))
            {
                // Every number of this many digits: runs of such lengths share one alternative.
                fullFrom ??= length;
                continue;
            }

            AddFullLengths(alternatives, ref fullFrom, length - 1);
            alternatives.AddRange(SameLength(first, last).Select(MergeLiterals));
        }

        AddFullLengths(alternatives, ref fullFrom, highText.Length);
        return alternatives;
    }

    /// <summary>All numbers of <paramref name="fullFrom"/> to <paramref name="lastLength"/> digits, as one alternative.</summary>
    private static void AddFullLengths(List<string> alternatives, ref int? fullFrom, int lastLength)
    {
        if (fullFrom is { } firstLength)
        {
            alternatives.Add($"[1-9] {GbnfText.Repeat("[0-9]", firstLength - 1, lastLength - 1)}");
            fullFrom = null;
        }
    }

    /// <summary>Digit strings of one length between <paramref name="low"/> and <paramref name="high"/>.</summary>
    private static IEnumerable<string> SameLength(string low, string high)
    {
        if (low == high)
        {
            return [Quote(low)];
        }

        if (low.Length == 1)
        {
            return [DigitClass(low[0] - '0', high[0] - '0')];
        }

        var restLength = low.Length - 1;
        var (lowFirst, lowRest) = (low[0] - '0', low[1..]);
        var (highFirst, highRest) = (high[0] - '0', high[1..]);
        if (lowFirst == highFirst)
        {
            return SameLength(lowRest, highRest).Select(rest => $"{Quote(low[..1])} {rest}");
        }

        var zeros = new string('0', restLength);
        var nines = new string('9', restLength);
        var result = new List<string>();
        if (lowRest != zeros)
        {
            result.AddRange(SameLength(lowRest, nines).Select(rest => $"{Quote(low[..1])} {rest}"));
        }

        var fullFirst = lowRest == zeros ? lowFirst : lowFirst + 1;
        var fullLast = highRest == nines ? highFirst : highFirst - 1;
        if (fullFirst <= fullLast)
        {
            result.Add(Sequence(DigitClass(fullFirst, fullLast), GbnfText.Repeat("[0-9]", restLength, restLength)));
        }

        if (highRest != nines)
        {
            result.AddRange(SameLength(zeros, highRest).Select(rest => $"{Quote(high[..1])} {rest}"));
        }

        return result;
    }

    /// <summary>Joins neighbouring quoted digit literals (<c>"1" "2"</c> becomes <c>"12"</c>).</summary>
    private static string MergeLiterals(string sequence)
    {
        var terms = sequence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var merged = new List<string>();
        foreach (var term in terms)
        {
            if (merged.Count > 0 && IsDigitLiteral(term) && IsDigitLiteral(merged[^1]))
            {
                merged[^1] = merged[^1][..^1] + term[1..];
            }
            else
            {
                merged.Add(term);
            }
        }

        return string.Join(' ', merged);
    }

    private static bool IsDigitLiteral(string term) =>
        term.Length >= 3 && term[0] == '"' && term[^1] == '"' && term[1..^1].All(char.IsAsciiDigit);

    /// <summary>The digits after the point, without trailing zeros (empty for an integer).</summary>
    private static string FractionDigits(decimal value)
    {
        var fraction = value - decimal.Floor(value);
        if (fraction == 0)
        {
            return "";
        }

        var text = fraction.ToString("0.############################", CultureInfo.InvariantCulture);
        return text[(text.IndexOf('.', StringComparison.Ordinal) + 1)..];
    }

    /// <summary>Rounds a non-negative value to <see cref="MaxFractionDigits"/> digits after the point, up or down.</summary>
    private static decimal RoundFraction(decimal value, bool up)
    {
        var integral = decimal.Floor(value);
        var scaled = (value - integral) * FractionScale;
        scaled = up ? decimal.Ceiling(scaled) : decimal.Floor(scaled);
        return integral + (scaled / FractionScale);
    }

    private static string Digits(long value) => Quote(value.ToString(CultureInfo.InvariantCulture));

    private static string DigitClass(int first, int last) =>
        first == last ? Quote(first.ToString(CultureInfo.InvariantCulture)) : $"[{first}-{last}]";

    private static string Quote(string digits) => $"\"{digits}\"";

    private static string Group(List<string> alternatives)
    {
        if (alternatives.Count == 0)
        {
            throw new InvalidOperationException("A numeric range came out empty.");
        }

        return alternatives.Count == 1 && !alternatives[0].Contains(' ', StringComparison.Ordinal)
            ? alternatives[0]
            : $"( {string.Join(" | ", alternatives)} )";
    }

    private static string Sequence(params IEnumerable<string> terms) => GbnfText.Sequence(terms);
}
