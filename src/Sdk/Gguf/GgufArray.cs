namespace Oprel.Gguf;

/// <summary>
/// A GGUF array value: its element type and its items as boxed .NET values (see <see cref="GgufMetadataEntry"/> for the
/// CLR type of each <see cref="GgufValueType"/>); items of an array of arrays are <see cref="GgufArray"/>s.
/// Two arrays are equal when their element types and items are equal.
/// </summary>
internal sealed record GgufArray(GgufValueType ElementType, IReadOnlyList<object> Items)
{
    public int Count => Items.Count;

    /// <summary>
    /// The items as a typed list, without copying when the array was read or built with that element type
    /// (e.g. <c>AsReadOnlyList&lt;float&gt;()</c> of a Float32 array).
    /// </summary>
    /// <exception cref="InvalidCastException">An item is not a <typeparamref name="T"/>.</exception>
    public IReadOnlyList<T> AsReadOnlyList<T>() => Items switch
    {
        IReadOnlyList<T> typed => typed,
        BoxingReadOnlyList<T> boxed => boxed.Values,
        _ => Items.Cast<T>().ToArray(),
    };

    public bool Equals(GgufArray? other) =>
        other is not null && ElementType == other.ElementType && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => HashCode.Combine(ElementType, Items.Count);

    public override string ToString() => $"{ElementType}[{Items.Count}]";
}
