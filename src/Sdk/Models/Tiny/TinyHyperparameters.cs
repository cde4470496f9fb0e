namespace Oprel.Models.Tiny;

/// <summary>The shape of the <c>tiny</c> model: one llama block, small enough to write in a moment.</summary>
internal static class TinyHyperparameters
{
    public const int EmbeddingLength = 384;
    public const int BlockCount = 1;
    public const int FeedForwardLength = 512;
    public const int HeadCount = 6;
    public const int HeadCountKv = 2;
    public const int HeadDimension = EmbeddingLength / HeadCount;
    public const int KeyValueLength = HeadDimension * HeadCountKv;
    public const int ContextLength = 4096;
    public const float RmsNormEpsilon = 1e-5f;
    public const float RopeFrequencyBase = 10000f;

    /// <summary>The seed of the <see cref="SplitMix64"/> that lays out the word directions and the unused weights.</summary>
    public const ulong Seed = 0x5EED_F0C5UL;
}
