namespace Oprel.Worker.Grammar;

/// <summary>The spellings of some object keys as a tree of code points, shared prefixes once.</summary>
internal sealed class KeyTrie
{
    public Dictionary<int, KeyTrie> Children { get; } = [];

    /// <summary>Whether a whole key ends at this node.</summary>
    public bool IsName { get; set; }

    public KeyTrie Child(int codePoint)
    {
        if (!Children.TryGetValue(codePoint, out var child))
        {
            child = new KeyTrie();
            Children.Add(codePoint, child);
        }

        return child;
    }
}
