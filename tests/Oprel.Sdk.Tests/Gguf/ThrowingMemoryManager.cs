using System.Buffers;

namespace Oprel.Sdk.Tests.Gguf;

/// <summary>Memory of a given length whose bytes cannot be read: simulates a write that fails midway.</summary>
internal sealed class ThrowingMemoryManager(int length) : MemoryManager<byte>
{
    public override Memory<byte> Memory => CreateMemory(length);

    public override Span<byte> GetSpan() => throw new InvalidOperationException("Simulated failure while reading tensor data.");

    public override MemoryHandle Pin(int elementIndex = 0) =>
        throw new InvalidOperationException("Simulated failure while reading tensor data.");

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
