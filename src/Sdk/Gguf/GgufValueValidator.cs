using System.Text;

namespace Oprel.Gguf;

/// <summary>
/// Checks that a metadata value has the CLR type its <see cref="GgufValueType"/> requires (see
/// <see cref="GgufMetadataEntry"/>) and fits the format's limits, and copies arrays into immutable typed storage so a
/// caller changing its list after adding it cannot change what is written.
/// </summary>
internal static class GgufValueValidator
{
    /// <summary>Validates a key: non-empty, valid UTF-16, at most <see cref="GgufFormat.MaxStringBytes"/> in UTF-8.</summary>
    /// <exception cref="ArgumentException">The key is not valid.</exception>
    public static void ValidateKey(string key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length == 0)
        {
            throw new ArgumentException("A GGUF metadata key must not be empty.", paramName);
        }

        ValidateString(key, "key", key, paramName);
    }

    /// <summary>Returns <paramref name="value"/> validated against <paramref name="type"/>, arrays copied.</summary>
    /// <exception cref="ArgumentException">The value does not match the type or exceeds a limit.</exception>
    public static object ValidatedCopy(string key, GgufValueType type, object? value, string paramName) =>
        Copy(key, type, value, arrayDepth: 0, paramName);

    /// <summary>Number of bytes <paramref name="value"/> takes in UTF-8; it must be valid UTF-16.</summary>
    /// <exception cref="ArgumentException">The string has a lone surrogate or is longer than the limit.</exception>
    public static int Utf8ByteCount(string key, string value, string paramName) =>
        ValidateString(key, "value", value, paramName);

    private static object Copy(string key, GgufValueType type, object? value, int arrayDepth, string paramName) => type switch
    {
        GgufValueType.UInt8 => Expect<byte>(key, type, value, paramName),
        GgufValueType.Int8 => Expect<sbyte>(key, type, value, paramName),
        GgufValueType.UInt16 => Expect<ushort>(key, type, value, paramName),
        GgufValueType.Int16 => Expect<short>(key, type, value, paramName),
        GgufValueType.UInt32 => Expect<uint>(key, type, value, paramName),
        GgufValueType.Int32 => Expect<int>(key, type, value, paramName),
        GgufValueType.Float32 => Expect<float>(key, type, value, paramName),
        GgufValueType.Bool => Expect<bool>(key, type, value, paramName),
        GgufValueType.UInt64 => Expect<ulong>(key, type, value, paramName),
        GgufValueType.Int64 => Expect<long>(key, type, value, paramName),
        GgufValueType.Float64 => Expect<double>(key, type, value, paramName),
        GgufValueType.String => CopyString(key, value, paramName),
        GgufValueType.Array => CopyArray(key, value, arrayDepth + 1, paramName),
        _ => throw new ArgumentException($"GGUF metadata '{key}': unknown value type {(uint)type}.", paramName),
    };

    private static object Expect<T>(string key, GgufValueType type, object? value, string paramName) =>
        value is T ? value : throw Mismatch(key, type, value, paramName);

    private static string CopyString(string key, object? value, string paramName)
    {
        var text = value as string ?? throw Mismatch(key, GgufValueType.String, value, paramName);
        ValidateString(key, "value", text, paramName);
        return text;
    }

    private static GgufArray CopyArray(string key, object? value, int depth, string paramName)
    {
        var array = value as GgufArray ?? throw Mismatch(key, GgufValueType.Array, value, paramName);
        if (depth > GgufFormat.MaxArrayDepth)
        {
            throw new ArgumentException(
                $"GGUF metadata '{key}': arrays are nested deeper than {GgufFormat.MaxArrayDepth} levels.", paramName);
        }

        var items = array.Items ?? throw new ArgumentException($"GGUF metadata '{key}': array items are null.", paramName);
        if (items.Count > GgufFormat.MaxArrayItems)
        {
            throw new ArgumentException(
                $"GGUF metadata '{key}': {items.Count} array items exceed the limit of {GgufFormat.MaxArrayItems}.",
                paramName);
        }

        IReadOnlyList<object> copy = array.ElementType switch
        {
            GgufValueType.UInt8 => CopyValues<byte>(key, array, paramName),
            GgufValueType.Int8 => CopyValues<sbyte>(key, array, paramName),
            GgufValueType.UInt16 => CopyValues<ushort>(key, array, paramName),
            GgufValueType.Int16 => CopyValues<short>(key, array, paramName),
            GgufValueType.UInt32 => CopyValues<uint>(key, array, paramName),
            GgufValueType.Int32 => CopyValues<int>(key, array, paramName),
            GgufValueType.Float32 => CopyValues<float>(key, array, paramName),
            GgufValueType.Bool => CopyValues<bool>(key, array, paramName),
            GgufValueType.UInt64 => CopyValues<ulong>(key, array, paramName),
            GgufValueType.Int64 => CopyValues<long>(key, array, paramName),
            GgufValueType.Float64 => CopyValues<double>(key, array, paramName),
            GgufValueType.String => CopyItems<string>(key, array, depth, paramName),
            GgufValueType.Array => CopyItems<GgufArray>(key, array, depth, paramName),
            _ => throw new ArgumentException(
                $"GGUF metadata '{key}': unknown array element type {(uint)array.ElementType}.", paramName),
        };
        return new GgufArray(array.ElementType, copy);
    }

    private static BoxingReadOnlyList<T> CopyValues<T>(string key, GgufArray array, string paramName)
        where T : struct
    {
        if (array.Items is BoxingReadOnlyList<T> immutable)
        {
            return immutable;
        }

        var values = new T[array.Items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = array.Items[i] is T item ? item : throw ItemMismatch(key, array.ElementType, i, array.Items[i], paramName);
        }

        return new BoxingReadOnlyList<T>(values);
    }

    private static T[] CopyItems<T>(string key, GgufArray array, int depth, string paramName)
        where T : class
    {
        var items = new T[array.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var item = array.Items[i];
            if (item is not T)
            {
                throw ItemMismatch(key, array.ElementType, i, item, paramName);
            }

            items[i] = (T)Copy(key, array.ElementType, item, depth, paramName);
        }

        return items;
    }

    private static int ValidateString(string key, string what, string value, string paramName)
    {
        int byteCount;
        try
        {
            byteCount = GgufFormat.StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"GGUF metadata '{key}': the {what} is not valid UTF-16 text ({ex.Message}).", paramName, ex);
        }

        return byteCount <= GgufFormat.MaxStringBytes
            ? byteCount
            : throw new ArgumentException(
                $"GGUF metadata '{key}': the {what} takes {byteCount} UTF-8 bytes, more than the limit of {GgufFormat.MaxStringBytes}.",
                paramName);
    }

    private static ArgumentException Mismatch(string key, GgufValueType type, object? value, string paramName) =>
        new($"GGUF metadata '{key}': a {type} value must be a {ClrTypeName(type)}, not {Describe(value)}.", paramName);

    private static ArgumentException ItemMismatch(string key, GgufValueType type, int index, object? item, string paramName) =>
        new($"GGUF metadata '{key}': item {index} of a {type} array must be a {ClrTypeName(type)}, not {Describe(item)}.", paramName);

    private static string Describe(object? value) => value is null ? "null" : value.GetType().Name;

    private static string ClrTypeName(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => nameof(Byte),
        GgufValueType.Int8 => nameof(SByte),
        GgufValueType.UInt16 => nameof(UInt16),
        GgufValueType.Int16 => nameof(Int16),
        GgufValueType.UInt32 => nameof(UInt32),
        GgufValueType.Int32 => nameof(Int32),
        GgufValueType.Float32 => nameof(Single),
        GgufValueType.Bool => nameof(Boolean),
        GgufValueType.String => nameof(String),
        GgufValueType.Array => nameof(GgufArray),
        GgufValueType.UInt64 => nameof(UInt64),
        GgufValueType.Int64 => nameof(Int64),
        GgufValueType.Float64 => nameof(Double),
        _ => "value of a known type",
    };
}
