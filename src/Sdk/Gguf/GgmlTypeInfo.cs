namespace Oprel.Gguf;

/// <summary>
/// Block layout of each <see cref="GgmlType"/>: how many elements one block holds and how many bytes it takes
/// (the sizes of ggml's block_* structs). Used to compute tensor byte sizes.
/// </summary>
internal static class GgmlTypeInfo
{
    private const int SuperBlock = 256;

    /// <summary>Whether <paramref name="type"/> is a ggml type this library knows the layout of.</summary>
    public static bool IsKnown(GgmlType type) => Layout(type).BlockSize != 0;

    /// <summary>Number of elements in one block of <paramref name="type"/> (1 for plain scalar types).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The type is unknown.</exception>
    public static int BlockSize(GgmlType type) => KnownLayout(type).BlockSize;

    /// <summary>Number of bytes one block of <paramref name="type"/> takes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The type is unknown.</exception>
    public static int BytesPerBlock(GgmlType type) => KnownLayout(type).BytesPerBlock;

    /// <summary>Number of bytes <paramref name="elementCount"/> elements of <paramref name="type"/> take.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The type is unknown.</exception>
    /// <exception cref="ArgumentException">The element count is not a whole number of blocks.</exception>
    /// <exception cref="OverflowException">The byte size does not fit in 64 bits.</exception>
    public static ulong ByteSize(GgmlType type, ulong elementCount)
    {
        var (blockSize, bytesPerBlock) = KnownLayout(type);
        if (elementCount % (ulong)blockSize != 0)
        {
            throw new ArgumentException(
                $"{elementCount} elements are not a whole number of {type} blocks of {blockSize} elements.",
                nameof(elementCount));
        }

        return checked(elementCount / (ulong)blockSize * (ulong)bytesPerBlock);
    }

    private static (int BlockSize, int BytesPerBlock) KnownLayout(GgmlType type)
    {
        var layout = Layout(type);
        return layout.BlockSize != 0
            ? layout
            : throw new ArgumentOutOfRangeException(nameof(type), type, $"Unknown ggml type {(uint)type}.");
    }

    private static (int BlockSize, int BytesPerBlock) Layout(GgmlType type) => type switch
    {
        GgmlType.F32 => (1, 4),
        GgmlType.F16 => (1, 2),
        GgmlType.BF16 => (1, 2),
        GgmlType.F64 => (1, 8),
        GgmlType.I8 => (1, 1),
        GgmlType.I16 => (1, 2),
        GgmlType.I32 => (1, 4),
        GgmlType.I64 => (1, 8),
        GgmlType.Q4_0 => (32, 18),
        GgmlType.Q4_1 => (32, 20),
        GgmlType.Q5_0 => (32, 22),
        GgmlType.Q5_1 => (32, 24),
        GgmlType.Q8_0 => (32, 34),
        GgmlType.Q8_1 => (32, 36),
        GgmlType.IQ4_NL => (32, 18),
        GgmlType.MXFP4 => (32, 17),
        GgmlType.Q2_K => (SuperBlock, 84),
        GgmlType.Q3_K => (SuperBlock, 110),
        GgmlType.Q4_K => (SuperBlock, 144),
        GgmlType.Q5_K => (SuperBlock, 176),
        GgmlType.Q6_K => (SuperBlock, 210),
        GgmlType.Q8_K => (SuperBlock, 292),
        GgmlType.IQ2_XXS => (SuperBlock, 66),
        GgmlType.IQ2_XS => (SuperBlock, 74),
        GgmlType.IQ2_S => (SuperBlock, 82),
        GgmlType.IQ3_XXS => (SuperBlock, 98),
        GgmlType.IQ3_S => (SuperBlock, 110),
        GgmlType.IQ1_S => (SuperBlock, 50),
        GgmlType.IQ1_M => (SuperBlock, 56),
        GgmlType.IQ4_XS => (SuperBlock, 136),
        GgmlType.TQ1_0 => (SuperBlock, 54),
        GgmlType.TQ2_0 => (SuperBlock, 66),
        _ => (0, 0),
    };
}
