using Oprel.Gguf;

namespace Oprel.Models.Tiny;

/// <summary>One tensor of the <c>tiny</c> model, with GGUF dimensions (innermost first) and little-endian data.</summary>
internal sealed record TinyTensor(string Name, IReadOnlyList<ulong> Dimensions, GgmlType Type, ReadOnlyMemory<byte> Data);
