using System.Text;

namespace Oprel.Gguf;

/// <summary>Constants of the GGUF container format and the limits this library enforces on it.</summary>
internal static class GgufFormat
{
    /// <summary>"GGUF" read as a little-endian uint32 (bytes 0x47 0x47 0x55 0x46).</summary>
    public const uint Magic = 0x46554747;

    /// <summary>The magic as a big-endian writer stores it (bytes "FUGG"); such files are not supported.</summary>
    public const uint BigEndianMagic = 0x47475546;

    public const uint OldestSupportedVersion = 2;

    /// <summary>The newest version this library reads, and the one <see cref="GgufWriter"/> writes.</summary>
    public const uint CurrentVersion = 3;

    public const uint DefaultAlignment = 32;

    public const string AlignmentKey = "general.alignment";

    public const string ArchitectureKey = "general.architecture";

    /// <summary>ggml tensors have at most four dimensions (GGML_MAX_DIMS).</summary>
    public const int MaxDimensions = 4;

    /// <summary>Longest tensor name in UTF-8 bytes that llama.cpp loads (GGML_MAX_NAME minus the terminator).</summary>
    public const int MaxTensorNameBytes = 63;

    /// <summary>Longest string, in UTF-8 bytes, this library reads or writes (256 MiB).</summary>
    public const int MaxStringBytes = 256 * 1024 * 1024;

    /// <summary>Most items one array may hold (2^27).</summary>
    public const int MaxArrayItems = 1 << 27;

    /// <summary>Most metadata entries one file may hold (2^24; real models have a few dozen).</summary>
    public const int MaxMetadataEntries = 1 << 24;

    /// <summary>Most tensors one file may hold (2^24; real models have a few thousand).</summary>
    public const int MaxTensors = 1 << 24;

    /// <summary>Deepest nesting of arrays: 1 is an array of scalars, 2 an array of arrays.</summary>
    public const int MaxArrayDepth = 8;

    /// <summary>UTF-8 that throws on invalid bytes and lone surrogates instead of replacing them.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Fewest bytes a value of <paramref name="type"/> takes in a file, or 0 for an unknown type.</summary>
    public static int MinimumValueSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
        GgufValueType.String => 8,
        GgufValueType.Array => 12,
        _ => 0,
    };

    /// <summary>Whether <paramref name="value"/> is a non-zero power of two.</summary>
    public static bool IsValidAlignment(uint value) => value != 0 && (value & (value - 1)) == 0;

    /// <summary>Rounds <paramref name="offset"/> up to a multiple of <paramref name="alignment"/> (a power of two).</summary>
    public static long AlignUp(long offset, uint alignment) => (offset + alignment - 1) & ~((long)alignment - 1);
}
