namespace Oprel.Worker.Grammar;

/// <summary>An immutable set of Unicode code points, kept as sorted, disjoint, non-adjacent ranges.</summary>
internal sealed class CodePointSet
{
    public const int MaxCodePoint = 0x10FFFF;

    private readonly CodePointRange[] _ranges;

    private CodePointSet(CodePointRange[] ranges)
    {
        _ranges = ranges;
    }

    public static CodePointSet Empty { get; } = new([]);

    public static CodePointSet All { get; } = new([new CodePointRange(0, MaxCodePoint)]);

    public IReadOnlyList<CodePointRange> Ranges => _ranges;

    public bool IsEmpty => _ranges.Length == 0;

    public static CodePointSet Of(params IEnumerable<CodePointRange> ranges) => new(Normalize(ranges));

    public static CodePointSet Single(int codePoint) => Of(new CodePointRange(codePoint, codePoint));

    public static CodePointSet Range(int first, int last) => Of(new CodePointRange(first, last));

    public bool Contains(int codePoint) =>
        _ranges.Any(range => range.First <= codePoint && codePoint <= range.Last);

    public CodePointSet Union(CodePointSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Of(_ranges.Concat(other._ranges));
    }

    public CodePointSet Complement()
    {
        var result = new List<CodePointRange>();
        var next = 0;
        foreach (var range in _ranges)
        {
            if (range.First > next)
            {
                result.Add(new CodePointRange(next, range.First - 1));
            }

            next = range.Last + 1;
        }

        if (next <= MaxCodePoint)
        {
            result.Add(new CodePointRange(next, MaxCodePoint));
        }

        return new CodePointSet([.. result]);
    }

    public CodePointSet Intersect(CodePointSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Complement().Union(other.Complement()).Complement();
    }

    public CodePointSet Except(CodePointSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Intersect(other.Complement());
    }

    private static CodePointRange[] Normalize(IEnumerable<CodePointRange> ranges)
    {
        var sorted = ranges
            .Select(range =>
            {
                if (range.First < 0 || range.Last > MaxCodePoint || range.First > range.Last)
                {
                    throw new ArgumentOutOfRangeException(nameof(ranges), $"{range} is not a range of code points.");
                }

                return range;
            })
            .OrderBy(range => range.First)
            .ToList();
        var merged = new List<CodePointRange>(sorted.Count);
        foreach (var range in sorted)
        {
            if (merged.Count > 0 && range.First <= merged[^1].Last + 1)
            {
                merged[^1] = merged[^1] with { Last = Math.Max(merged[^1].Last, range.Last) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return [.. merged];
    }
}
