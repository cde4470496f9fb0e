using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Oprel.Gguf;

/// <summary>
/// Builds a GGUF version 3 file: metadata in insertion order, then tensor infos, then tensor data, each tensor's data
/// aligned to the alignment (no padding after the last tensor). <c>general.alignment</c> is written (last) only when
/// the alignment is not the default 32. Tensor data passed as <see cref="ReadOnlyMemory{T}"/> is not copied and must
/// stay unchanged until the file is written.
/// </summary>
internal sealed class GgufWriter
{
    /// <summary>Tensor data is written in pieces of this size so an async write can be cancelled between them.</summary>
    private const int WriteChunkBytes = 4 * 1024 * 1024;

    private static readonly ReadOnlyMemory<byte> Zeros = new byte[64 * 1024];

    private readonly List<GgufMetadataEntry> _metadata = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly List<GgufTensorInfo> _tensors = [];
    private readonly List<ReadOnlyMemory<byte>> _tensorData = [];
    private readonly HashSet<string> _tensorNames = new(StringComparer.Ordinal);
    private ulong _dataLength;

    /// <param name="alignment">Alignment of the data section and of each tensor's data; a power of two.</param>
    /// <exception cref="ArgumentOutOfRangeException">The alignment is not a power of two.</exception>
    public GgufWriter(uint alignment = GgufFormat.DefaultAlignment)
    {
        if (!GgufFormat.IsValidAlignment(alignment))
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "The GGUF alignment must be a power of two.");
        }

        Alignment = alignment;
    }

    public uint Alignment { get; }

    public GgufWriter Add(string key, string value) => AddValidated(key, GgufValueType.String, value);

    public GgufWriter Add(string key, uint value) => AddValidated(key, GgufValueType.UInt32, value);

    public GgufWriter Add(string key, int value) => AddValidated(key, GgufValueType.Int32, value);

    public GgufWriter Add(string key, ulong value) => AddValidated(key, GgufValueType.UInt64, value);

    public GgufWriter Add(string key, float value) => AddValidated(key, GgufValueType.Float32, value);

    public GgufWriter Add(string key, bool value) => AddValidated(key, GgufValueType.Bool, value);

    /// <summary>Adds an array of strings (copied).</summary>
    public GgufWriter Add(string key, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AddValidated(key, GgufValueType.Array, new GgufArray(GgufValueType.String, values), nameof(values));
    }

    /// <summary>Adds an array of float32 (copied).</summary>
    public GgufWriter Add(string key, IReadOnlyList<float> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var array = new GgufArray(GgufValueType.Float32, new BoxingReadOnlyList<float>([.. values]));
        return AddValidated(key, GgufValueType.Array, array, nameof(values));
    }

    /// <summary>Adds an array of int32 (copied).</summary>
    public GgufWriter Add(string key, IReadOnlyList<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var array = new GgufArray(GgufValueType.Int32, new BoxingReadOnlyList<int>([.. values]));
        return AddValidated(key, GgufValueType.Array, array, nameof(values));
    }

    /// <summary>
    /// Adds a value of any type, nested arrays included (arrays are copied). <c>general.alignment</c> may be added only
    /// as the UInt32 this writer was created with.
    /// </summary>
    /// <exception cref="ArgumentException">The key is taken or invalid, or the value does not match its type.</exception>
    public GgufWriter Add(GgufMetadataEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return AddValidated(entry.Key, entry.Type, entry.Value, nameof(entry));
    }

    /// <summary>
    /// Adds a tensor whose data is <paramref name="data"/> (not copied). <paramref name="dimensions"/> are one to four,
    /// innermost first; the first must be a whole number of blocks of <paramref name="type"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is taken or invalid, or the shape or data length is wrong.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The type is unknown.</exception>
    public GgufWriter AddTensor(string name, IReadOnlyList<ulong> dimensions, GgmlType type, ReadOnlyMemory<byte> data)
    {
        ValidateTensorName(name);
        ArgumentNullException.ThrowIfNull(dimensions);
        if (!GgmlTypeInfo.IsKnown(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, $"Unknown ggml type {(uint)type}.");
        }

        if (dimensions.Count is 0 or > GgufFormat.MaxDimensions)
        {
            throw new ArgumentException(
                $"Tensor '{name}' has {dimensions.Count} dimensions; GGUF tensors have 1 to {GgufFormat.MaxDimensions}.",
                nameof(dimensions));
        }

        ulong[] shape = [.. dimensions];
        var byteSize = TensorByteSize(name, shape, type);
        if ((ulong)data.Length != byteSize)
        {
            throw new ArgumentException(
                $"Tensor '{name}' ({type} [{string.Join(", ", shape)}]) needs {byteSize} bytes of data, not {data.Length}.",
                nameof(data));
        }

        var offset = (ulong)GgufFormat.AlignUp((long)_dataLength, Alignment);
        _tensorNames.Add(name);
        _tensors.Add(new GgufTensorInfo(name, Array.AsReadOnly(shape), type, offset));
        _tensorData.Add(data);
        _dataLength = offset + byteSize;
        return this;
    }

    /// <summary>Adds an F32 tensor holding a copy of <paramref name="data"/>.</summary>
    public GgufWriter AddTensor(string name, IReadOnlyList<ulong> dimensions, ReadOnlySpan<float> data)
    {
        var bytes = new byte[data.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(data).CopyTo(bytes);
        }
        else
        {
            for (var i = 0; i < data.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), data[i]);
            }
        }

        return AddTensor(name, dimensions, GgmlType.F32, bytes);
    }

    /// <summary>Writes the file to <paramref name="stream"/> from its current position and flushes it.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        foreach (var segment in Segments())
        {
            stream.Write(segment.Span);
        }

        stream.Flush();
    }

    /// <summary>Writes the file to <paramref name="stream"/> from its current position and flushes it.</summary>
    public async Task WriteToAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        foreach (var segment in Segments())
        {
            await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the file atomically: to "&lt;path&gt;.tmp-&lt;random&gt;" in the same folder, flushed to disk, then moved
    /// over <paramref name="path"/>. On failure the temporary file is deleted and <paramref name="path"/> is untouched.
    /// </summary>
    public void WriteTo(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var temporaryPath = TemporaryPathFor(fullPath);
        var moved = false;
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, fullPath, overwrite: true);
            moved = true;
        }
        finally
        {
            if (!moved)
            {
                DeleteIfPresent(temporaryPath);
            }
        }
    }

    /// <summary>Asynchronous <see cref="WriteTo(string)"/>, equally atomic, also when cancelled.</summary>
    public async Task WriteToAsync(string path, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var temporaryPath = TemporaryPathFor(fullPath);
        var moved = false;
        try
        {
            var stream = new FileStream(temporaryPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
                BufferSize = 64 * 1024,
            });
            await using (stream.ConfigureAwait(false))
            {
                await WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporaryPath, fullPath, overwrite: true);
            moved = true;
        }
        finally
        {
            if (!moved)
            {
                DeleteIfPresent(temporaryPath);
            }
        }
    }

    private GgufWriter AddValidated(string key, GgufValueType type, object? value, string paramName = "value")
    {
        GgufValueValidator.ValidateKey(key, nameof(key));
        var copy = GgufValueValidator.ValidatedCopy(key, type, value, paramName);
        if (key == GgufFormat.AlignmentKey && !(type == GgufValueType.UInt32 && (uint)copy == Alignment))
        {
            throw new ArgumentException(
                $"'{GgufFormat.AlignmentKey}' is set by the GgufWriter constructor; this writer aligns to {Alignment}.",
                paramName);
        }

        if (!_keys.Add(key))
        {
            throw new ArgumentException($"GGUF metadata key '{key}' was already added.", nameof(key));
        }

        _metadata.Add(new GgufMetadataEntry(key, type, copy));
        return this;
    }

    private void ValidateTensorName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new ArgumentException("A tensor name must not be empty.", nameof(name));
        }

        var byteCount = GgufValueValidator.Utf8ByteCount(name, name, nameof(name));
        if (byteCount > GgufFormat.MaxTensorNameBytes)
        {
            throw new ArgumentException(
                $"Tensor name '{name}' takes {byteCount} UTF-8 bytes; llama.cpp loads at most {GgufFormat.MaxTensorNameBytes}.",
                nameof(name));
        }

        if (_tensorNames.Contains(name))
        {
            throw new ArgumentException($"Tensor '{name}' was already added.", nameof(name));
        }
    }

    private static ulong TensorByteSize(string name, ulong[] dimensions, GgmlType type)
    {
        var blockSize = (ulong)GgmlTypeInfo.BlockSize(type);
        if (dimensions[0] % blockSize != 0)
        {
            throw new ArgumentException(
                $"Tensor '{name}': the first dimension {dimensions[0]} is not a multiple of the {type} block size {blockSize}.",
                nameof(dimensions));
        }

        try
        {
            ulong elementCount = 1;
            foreach (var dimension in dimensions)
            {
                elementCount = checked(elementCount * dimension);
            }

            var byteSize = GgmlTypeInfo.ByteSize(type, elementCount);
            return byteSize <= long.MaxValue
                ? byteSize
                : throw new OverflowException();
        }
        catch (OverflowException ex)
        {
            throw new ArgumentException(
                $"Tensor '{name}': the size of [{string.Join(", ", dimensions)}] overflows.", nameof(dimensions), ex);
        }
    }

    /// <summary>The whole file as consecutive pieces: header with padding, then each tensor's padding and data.</summary>
    private IEnumerable<ReadOnlyMemory<byte>> Segments()
    {
        var metadata = new List<GgufMetadataEntry>(_metadata);
        if (Alignment != GgufFormat.DefaultAlignment && !_keys.Contains(GgufFormat.AlignmentKey))
        {
            metadata.Add(new GgufMetadataEntry(GgufFormat.AlignmentKey, GgufValueType.UInt32, Alignment));
        }

        var header = new GgufHeaderEncoder();
        header.WriteHeader(GgufFormat.CurrentVersion, _tensors.Count, metadata.Count);
        foreach (var entry in metadata)
        {
            header.WriteMetadataEntry(entry);
        }

        foreach (var tensor in _tensors)
        {
            header.WriteTensorInfo(tensor);
        }

        if (_tensors.Count > 0)
        {
            header.PadTo(Alignment);
        }

        yield return header.Written;

        ulong position = 0;
        for (var i = 0; i < _tensors.Count; i++)
        {
            for (var padding = _tensors[i].Offset - position; padding > 0;)
            {
                var length = (int)Math.Min(padding, (ulong)Zeros.Length);
                yield return Zeros[..length];
                padding -= (ulong)length;
            }

            var data = _tensorData[i];
            for (var start = 0; start < data.Length; start += WriteChunkBytes)
            {
                yield return data.Slice(start, Math.Min(WriteChunkBytes, data.Length - start));
            }

            position = _tensors[i].Offset + (ulong)data.Length;
        }
    }

    private static string TemporaryPathFor(string fullPath) =>
        $"{fullPath}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    private static void DeleteIfPresent(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The write already failed; that exception is the one to report.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
