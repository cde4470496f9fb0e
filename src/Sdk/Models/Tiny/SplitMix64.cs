namespace Oprel.Models.Tiny;

/// <summary>
/// The SplitMix64 generator (Steele, Lea and Flood): a tiny, fixed-seed pseudo-random source whose output is the
/// same on every platform and runtime, unlike <see cref="Random"/>. Only integer arithmetic is involved.
/// </summary>
internal sealed class SplitMix64
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;
    private const double UnitScale = 1.0 / (1UL << 53);

    private ulong _state;

    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    public ulong NextUInt64()
    {
        _state += GoldenGamma;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) built from the top 53 bits; exact, so it is platform independent.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * UnitScale;

    /// <summary>A uniform integer in [0, exclusiveMax) (rejection sampling, so without modulo bias).</summary>
    public int NextInt32(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        var bound = (ulong)exclusiveMax;
        var limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong value;
        do
        {
            value = NextUInt64();
        }
        while (value >= limit);
        return (int)(value % bound);
    }

    /// <summary>Shuffles <paramref name="items"/> in place with the Fisher-Yates algorithm.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
