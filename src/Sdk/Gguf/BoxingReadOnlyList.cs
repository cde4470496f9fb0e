using System.Collections;
using System.Collections.ObjectModel;

namespace Oprel.Gguf;

/// <summary>
/// A read-only list of boxed values over a typed array: the array is stored unboxed (a 150k-entry float array stays
/// 600 KB) and each element is boxed only when it is read through <see cref="IReadOnlyList{T}"/> of object.
/// </summary>
internal sealed class BoxingReadOnlyList<T> : IReadOnlyList<object>
{
    private readonly T[] _values;

    /// <summary>Wraps <paramref name="values"/> without copying; the caller gives up ownership of the array.</summary>
    public BoxingReadOnlyList(T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
        Values = new ReadOnlyCollection<T>(values);
    }

    /// <summary>The values, unboxed.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>The values, unboxed, as a span.</summary>
    public ReadOnlySpan<T> Span => _values;

    public int Count => _values.Length;

    public object this[int index] => _values[index]!;

    public IEnumerator<object> GetEnumerator()
    {
        foreach (var value in _values)
        {
            yield return value!;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
