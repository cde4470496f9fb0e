namespace Oprel.Worker.Templates.Runtime;

/// <summary>A dict with string keys, in insertion order (Python's <c>dict</c>).</summary>
internal sealed class DictValue : Value
{
    private readonly OrderedDictionary<string, Value> _entries;

    public DictValue()
        : this(new OrderedDictionary<string, Value>(StringComparer.Ordinal))
    {
    }

    public DictValue(OrderedDictionary<string, Value> entries) => _entries = entries;

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Keys;

    public IEnumerable<KeyValuePair<string, Value>> Entries => _entries;

    public override string TypeName => "dict";

    public override bool IsTruthy => _entries.Count > 0;

    /// <summary>Adds or replaces an entry; only while the dict is being built, before a template sees it.</summary>
    public DictValue With(string key, Value value)
    {
        _entries[key] = value;
        return this;
    }

    public bool TryGetValue(string key, out Value value) => _entries.TryGetValue(key, out value!);

    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    public override string ToString() => PythonFormat.Repr(this);
}
