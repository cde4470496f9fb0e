using System.Diagnostics.CodeAnalysis;

namespace Oprel.Gguf;

/// <summary>
/// The header of a GGUF file: its metadata in file order, its tensor infos, the alignment of the data section and
/// the absolute offset of the data section (a tensor's data starts at <see cref="DataOffset"/> + its
/// <see cref="GgufTensorInfo.Offset"/>). Lookups compare keys ordinally; typed getters return null when the key is
/// missing or holds a value of another type. Two files are equal when all their fields, lists included, are equal.
/// </summary>
internal sealed record GgufFile(
    uint Version,
    IReadOnlyList<GgufMetadataEntry> Metadata,
    IReadOnlyList<GgufTensorInfo> Tensors,
    uint Alignment,
    long DataOffset)
{
    /// <summary>The value of <c>general.architecture</c> (e.g. "llama"), if present.</summary>
    public string? Architecture => GetString(GgufFormat.ArchitectureKey);

    public GgufMetadataEntry? GetEntry(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var entry in Metadata)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    public bool TryGetValue(string key, [NotNullWhen(true)] out object? value)
    {
        value = GetEntry(key)?.Value;
        return value is not null;
    }

    public string? GetString(string key) => GetEntry(key)?.Value as string;

    /// <summary>The value of an integer of any width; null for a uint64 above <see cref="long.MaxValue"/>.</summary>
    public long? GetInteger(string key) => GetEntry(key)?.Value switch
    {
        byte value => value,
        sbyte value => value,
        ushort value => value,
        short value => value,
        uint value => value,
        int value => value,
        ulong value when value <= long.MaxValue => (long)value,
        long value => value,
        _ => null,
    };

    /// <summary>The value of an integer or floating point number of any width.</summary>
    public double? GetNumber(string key) => GetEntry(key)?.Value switch
    {
        float value => value,
        double value => value,
        ulong value => value,
        _ => GetInteger(key),
    };

    public bool? GetBool(string key) => GetEntry(key)?.Value as bool?;

    public GgufArray? GetArray(string key) => GetEntry(key)?.Value as GgufArray;

    /// <summary>The items of an array of strings (no copy for arrays read from a file).</summary>
    public IReadOnlyList<string>? GetStringArray(string key) =>
        GetArray(key) is { ElementType: GgufValueType.String } array ? array.AsReadOnlyList<string>() : null;

    public GgufTensorInfo? GetTensor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var tensor in Tensors)
        {
            if (string.Equals(tensor.Name, name, StringComparison.Ordinal))
            {
                return tensor;
            }
        }

        return null;
    }

    /// <summary>Absolute offset in the file of the first byte of <paramref name="tensor"/>'s data.</summary>
    public long GetTensorDataOffset(GgufTensorInfo tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return checked(DataOffset + (long)tensor.Offset);
    }

    public bool Equals(GgufFile? other) =>
        other is not null
        && Version == other.Version
        && Alignment == other.Alignment
        && DataOffset == other.DataOffset
        && Metadata.SequenceEqual(other.Metadata)
        && Tensors.SequenceEqual(other.Tensors);

    public override int GetHashCode() => HashCode.Combine(Version, Alignment, DataOffset, Metadata.Count, Tensors.Count);
}
