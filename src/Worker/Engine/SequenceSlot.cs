using LLama.Native;

namespace Oprel.Worker.Engine;

/// <summary>
/// A KV-cache sequence of the shared context. It remembers which tokens its cache holds, so a request whose
/// prompt starts with them (the next turn of a chat) only evaluates what is new.
/// </summary>
internal sealed class SequenceSlot(LLamaSeqId id)
{
    public LLamaSeqId Id { get; } = id;

    /// <summary>The tokens in the KV cache at positions 0..Count-1.</summary>
    public List<LLamaToken> CachedTokens { get; } = [];

    public EngineSequence? Owner { get; set; }

    public bool IsFree => Owner is null;

    /// <summary>How many leading tokens of <paramref name="prompt"/> the cache already holds.</summary>
    public int CommonPrefixLength(IReadOnlyList<LLamaToken> prompt)
    {
        var max = Math.Min(prompt.Count, CachedTokens.Count);
        var length = 0;
        while (length < max && prompt[length] == CachedTokens[length])
        {
            length++;
        }

        return length;
    }
}
