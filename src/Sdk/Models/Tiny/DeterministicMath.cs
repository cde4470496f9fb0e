namespace Oprel.Models.Tiny;

/// <summary>
/// Math functions computed with IEEE-754 additions, multiplications and divisions only, so that they give the same bits
/// on every platform (<see cref="Math.Log(double)"/> defers to the C runtime, whose last bit may differ).
/// </summary>
internal static class DeterministicMath
{
    private const double Ln2 = 0.6931471805599453;
    private const double Sqrt2 = 1.4142135623730951;
    private const int SeriesTerms = 16;

    /// <summary>The natural logarithm of a positive, finite, normal <paramref name="value"/> (error below 1e-15 relative).</summary>
    public static double Log(double value)
    {
        if (!double.IsNormal(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The logarithm needs a positive, finite, normal number.");
        }

        // value = mantissa * 2^exponent with mantissa in [1, 2), then moved into [sqrt(1/2), sqrt(2)).
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        var mantissa = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (mantissa > Sqrt2)
        {
            mantissa /= 2;
            exponent++;
        }

        // ln(m) = 2 atanh(z) = 2 (z + z^3/3 + z^5/5 + ...), z = (m - 1) / (m + 1), |z| < 0.172.
        var z = (mantissa - 1) / (mantissa + 1);
        var zSquared = z * z;
        var power = z;
        var sum = 0.0;
        for (var k = 0; k < SeriesTerms; k++)
        {
            sum += power / ((2 * k) + 1);
            power *= zSquared;
        }

        return (exponent * Ln2) + (2 * sum);
    }
}
