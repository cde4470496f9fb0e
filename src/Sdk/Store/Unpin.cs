using System.Collections.Concurrent;

namespace Oprel.Store;

/// <summary>Releases one pin of <see cref="ModelStore.Pin"/>.</summary>
internal sealed class Unpin(ConcurrentDictionary<string, int> pins, string digest) : IDisposable
{
    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        while (pins.TryGetValue(digest, out var count))
        {
            if (count <= 1 ? pins.TryRemove(new KeyValuePair<string, int>(digest, count)) : pins.TryUpdate(digest, count - 1, count))
            {
                return;
            }
        }
    }
}
