namespace Oprel.Downloads;

/// <summary>One file being downloaded, shared by every pull that needs it; its state is read without locks.</summary>
internal sealed class SharedDownload(string key, long total) : IDisposable
{
    private long _completed;

    public string Key { get; } = key;

    public long Total { get; } = total;

    public long Completed => Volatile.Read(ref _completed);

    /// <summary>Cancelled when the last pull waiting for it gives up.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>The digest of the stored blob, when done.</summary>
    public Task<string> Completion { get; set; } = null!;

    /// <summary>Pulls waiting for it; guarded by the downloader's lock.</summary>
    public int Subscribers { get; set; }

    /// <summary>Set (under the downloader's lock) once the transfer has ended and its cancellation source is disposed.</summary>
    public bool Finished { get; set; }

    public void Report(long completed) => Volatile.Write(ref _completed, completed);

    public void Dispose() => Cancellation.Dispose();
}
