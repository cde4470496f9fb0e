namespace Oprel.Gguf;

/// <summary>
/// A GGUF file is malformed. The message names the problem and the byte offset (from the start of the file) where it
/// was found, e.g. "GGUF: string length 9223372036854775807 at offset 24 exceeds the 1234 bytes left in the file".
/// It is an <see cref="IOException"/> (<see cref="InvalidDataException"/>, the natural base, is sealed).
/// </summary>
internal sealed class GgufFormatException : IOException
{
    public GgufFormatException(string message, long offset)
        : base(message)
    {
        Offset = offset;
    }

    public GgufFormatException(string message, long offset, Exception innerException)
        : base(message, innerException)
    {
        Offset = offset;
    }

    /// <summary>Byte offset from the start of the file where the problem was found.</summary>
    public long Offset { get; }
}
