namespace Oprel.Gguf;

/// <summary>
/// One GGUF metadata key/value pair. <see cref="Value"/> is boxed with the CLR type of <see cref="Type"/>:
/// UInt8 byte, Int8 sbyte, UInt16 ushort, Int16 short, UInt32 uint, Int32 int, Float32 float, Bool bool,
/// String string, Array <see cref="GgufArray"/>, UInt64 ulong, Int64 long, Float64 double.
/// </summary>
internal sealed record GgufMetadataEntry(string Key, GgufValueType Type, object Value);
