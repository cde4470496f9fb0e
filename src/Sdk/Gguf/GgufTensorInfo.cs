namespace Oprel.Gguf;

/// <summary>
/// A tensor's description in a GGUF file: <see cref="Dimensions"/> innermost first (ggml's ne[0], ne[1], ...), and
/// <see cref="Offset"/> of its data relative to the start of the data section (<see cref="GgufFile.DataOffset"/>).
/// Two infos are equal when all their fields, dimensions included, are equal.
/// </summary>
internal sealed record GgufTensorInfo(string Name, IReadOnlyList<ulong> Dimensions, GgmlType Type, ulong Offset)
{
    /// <summary>Product of the dimensions.</summary>
    /// <exception cref="OverflowException">The product does not fit in 64 bits.</exception>
    public ulong ElementCount
    {
        get
        {
            ulong count = 1;
            foreach (var dimension in Dimensions)
            {
                count = checked(count * dimension);
            }

            return count;
        }
    }

    /// <summary>Number of bytes of the tensor's data.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The type is unknown.</exception>
    public ulong ByteSize => GgmlTypeInfo.ByteSize(Type, ElementCount);

    public bool Equals(GgufTensorInfo? other) =>
        other is not null
        && Name == other.Name
        && Type == other.Type
        && Offset == other.Offset
        && Dimensions.SequenceEqual(other.Dimensions);

    public override int GetHashCode() => HashCode.Combine(Name, Type, Offset, Dimensions.Count);

    public override string ToString() => $"{Name} {Type} [{string.Join(", ", Dimensions)}] at {Offset}";
}
