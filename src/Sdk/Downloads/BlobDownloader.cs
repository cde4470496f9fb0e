using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Oprel.HuggingFace;
using Oprel.Store;

namespace Oprel.Downloads;

/// <summary>
/// Downloads Hugging Face files into the model store as blobs: into <c>blobs/sha256-HEX-partial</c>, resuming with a
/// Range request after a dropped connection and retrying with backoff, then verifying the SHA-256 and renaming the
/// verified file into place; a file that fails verification is deleted. Pulls of the same file at the same time
/// share one transfer; another process downloading the same blob is waited for (the partial file is locked).
/// </summary>
internal sealed partial class BlobDownloader(HuggingFaceClient client, ModelStore store, DownloadPolicy policy, ILogger? logger = null)
{
    private const int BufferSize = 1 << 16;
    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(500);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SharedDownload> _active = new(StringComparer.Ordinal);

    public BlobDownloader(HuggingFaceClient client, ModelStore store)
        : this(client, store, DownloadPolicy.Default)
    {
    }

    /// <summary>Transfers under way now (for tests and diagnostics).</summary>
    public int ActiveCount
    {
        get
        {
            lock (_gate)
            {
                return _active.Count;
            }
        }
    }

    /// <summary>
    /// Downloads <paramref name="file"/> unless the store has it, yielding the bytes done so far every
    /// <see cref="DownloadPolicy.ProgressInterval"/> and once at the end; the enumeration's result is the blob's digest
    /// in <paramref name="digest"/>'s <see cref="TaskCompletionSource{TResult}"/>.
    /// </summary>
    /// <exception cref="DownloadException">The transfer failed after its retries, the checksum did not match, or the disk is full.</exception>
    public async IAsyncEnumerable<long> DownloadAsync(
        string repository, HuggingFaceFile file, TaskCompletionSource<string> digest, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(digest);
        if (file.Sha256 is { } sha && store.HasBlob(sha))
        {
            digest.TrySetResult(BlobDigest.Normalize(sha));
            yield return file.Size;
            yield break;
        }

        var shared = Join(repository, file);
        try
        {
            while (true)
            {
                using (var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var delay = Task.Delay(policy.ProgressInterval, tick.Token);
                    await Task.WhenAny(shared.Completion, delay).ConfigureAwait(false);
                    await tick.CancelAsync().ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (shared.Completion.IsCompleted)
                {
                    var result = await shared.Completion.ConfigureAwait(false);
                    digest.TrySetResult(result);
                    yield return shared.Total;
                    yield break;
                }

                yield return shared.Completed;
            }
        }
        finally
        {
            Leave(shared);
        }
    }

    private SharedDownload Join(string repository, HuggingFaceFile file)
    {
        var key = file.Sha256 is { } sha ? BlobDigest.Normalize(sha) : $"{repository}/{file.Path}";
        lock (_gate)
        {
            if (!_active.TryGetValue(key, out var shared))
            {
                shared = new SharedDownload(key, file.Size);
                shared.Completion = RunAsync(repository, file, shared);
                _active[key] = shared;
            }

            shared.Subscribers++;
            return shared;
        }
    }

    private void Leave(SharedDownload shared)
    {
        lock (_gate)
        {
            shared.Subscribers--;
            if (shared.Subscribers > 0 || shared.Finished || shared.Completion.IsCompleted)
            {
                return;
            }

            // Everyone gave up: stop the transfer; the partial file stays for the next pull to resume.
            shared.Cancellation.Cancel();
        }
    }

    private async Task<string> RunAsync(string repository, HuggingFaceFile file, SharedDownload shared)
    {
        await Task.Yield();
        try
        {
            return await DownloadLockedAsync(repository, file, shared, shared.Cancellation.Token).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _active.Remove(shared.Key);
                shared.Finished = true;
                shared.Dispose();
            }
        }
    }

    private async Task<string> DownloadLockedAsync(string repository, HuggingFaceFile file, SharedDownload shared, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(store.BlobsDirectory);
        var partialPath = file.Sha256 is { } sha ? store.PartialPath(sha) : store.PartialPath(BlobDigest.FromHash(SHA256.HashData(Encoding.UTF8.GetBytes($"{repository}/{file.Path}"))));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.Sha256 is { } known && store.HasBlob(known))
            {
                return BlobDigest.Normalize(known);
            }

            FileStream partial;
            try
            {
                partial = new FileStream(partialPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, useAsync: true);
            }
            catch (IOException) when (File.Exists(partialPath))
            {
                // Another process is downloading this blob: wait for it to finish (or to give up).
                await Task.Delay(LockPollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }

            string digest;
            await using (partial.ConfigureAwait(false))
            {
                digest = await TransferAsync(repository, file, partial, shared, cancellationToken).ConfigureAwait(false);
            }

            if (file.Sha256 is { } expected && BlobDigest.Normalize(expected) != digest)
            {
                File.Delete(partialPath);
                throw new DownloadException(
                    $"{file.Path} from '{repository}' is corrupt: its SHA-256 is {BlobDigest.Hex(digest)}, but Hugging Face lists {expected}. The file was deleted; pull again.");
            }

            store.CommitBlob(partialPath, digest);
            LogStored(_logger, file.Path, repository, digest);
            return digest;
        }
    }

    /// <summary>
    /// Fills <paramref name="partial"/> up to the file's size, resuming and retrying; returns the SHA-256 of its
    /// content. The hash always covers exactly the bytes in the file: a chunk is written, then hashed, and a
    /// transfer only fails between chunks (a failed write is not retried).
    /// </summary>
    private async Task<string> TransferAsync(string repository, HuggingFaceFile file, FileStream partial, SharedDownload shared, CancellationToken cancellationToken)
    {
        using var hash = BlobDigest.CreateHash();
        var buffer = new byte[BufferSize];
        var length = await HashExistingAsync(partial, hash, buffer, file.Size, cancellationToken).ConfigureAwait(false);
        shared.Report(length);
        var failures = 0;
        while (length < file.Size)
        {
            var before = length;
            try
            {
                length = await ReceiveAsync(repository, file, partial, hash, buffer, length, shared, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (IsTransient(error, cancellationToken))
            {
                length = partial.Length;
                failures = length > before ? 1 : failures + 1;
                if (failures >= policy.MaxAttempts)
                {
                    throw new DownloadException(
                        $"Downloading {file.Path} from '{repository}' failed {failures} times in a row ({Describe(error)}); {ByteSize.Format(length)} of {ByteSize.Format(file.Size)} are kept, and the next pull resumes from there.",
                        error);
                }

                var delay = policy.DelayBefore(failures);
                LogRetry(_logger, file.Path, length, file.Size, delay.TotalSeconds, Describe(error));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        await partial.FlushAsync(cancellationToken).ConfigureAwait(false);
        return BlobDigest.FromHash(hash.GetHashAndReset());
    }

    /// <summary>One request: from <paramref name="offset"/> (a Range request) to the end, appended to the file and the hash.</summary>
    private async Task<long> ReceiveAsync(
        string repository, HuggingFaceFile file, FileStream partial, IncrementalHash hash, byte[] buffer, long offset, SharedDownload shared, CancellationToken cancellationToken)
    {
        using var response = await client.OpenFileAsync(repository, file.Path, offset, null, cancellationToken).ConfigureAwait(false);
        if (offset > 0 && response.StatusCode != HttpStatusCode.PartialContent)
        {
            // The server ignored the range and sends the whole file: start over.
            LogRangeIgnored(_logger, file.Path, offset);
            hash.GetHashAndReset();
            partial.SetLength(0);
            offset = 0;
        }
        else if (offset > 0 && response.Content.Headers.ContentRange is { From: { } from } && from != offset)
        {
            throw new HttpRequestException($"the server sent bytes from {from}, not from {offset}");
        }

        partial.Position = offset;
        var length = offset;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            while (true)
            {
                stall.CancelAfter(policy.StallTimeout);
                int read;
                try
                {
                    read = await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"no data for {policy.StallTimeout.TotalSeconds:0} s", error);
                }

                if (read == 0)
                {
                    break;
                }

                if (length + read > file.Size)
                {
                    throw new DownloadException($"{file.Path} from '{repository}' is longer than the {file.Size} bytes Hugging Face lists.");
                }

                try
                {
                    await partial.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
                catch (IOException error)
                {
                    throw new DownloadException($"Writing {partial.Name} failed: {error.Message}", error);
                }

                hash.AppendData(buffer, 0, read);
                length += read;
                shared.Report(length);
            }
        }

        if (length < file.Size)
        {
            throw new IOException($"the connection closed after {length} of {file.Size} bytes");
        }

        return length;
    }

    /// <summary>Hashes what an earlier attempt left in the file; a file longer than expected is started over.</summary>
    private static async Task<long> HashExistingAsync(FileStream partial, IncrementalHash hash, byte[] buffer, long expectedSize, CancellationToken cancellationToken)
    {
        if (partial.Length > expectedSize)
        {
            partial.SetLength(0);
        }

        partial.Position = 0;
        long length = 0;
        int read;
        while ((read = await partial.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return length;
    }

    private static bool IsTransient(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException http => http.StatusCode is null or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)http.StatusCode >= 500,
        IOException or TimeoutException => true,
        _ => false,
    };

    private static string Describe(Exception error) => error.InnerException is { } inner && error is HttpRequestException or IOException
        ? $"{error.Message}: {inner.Message}"
        : error.Message;

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Stored {File} from {Repository} as {Digest}")]
    private static partial void LogStored(ILogger logger, string file, string repository, string digest);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Download of {File} interrupted at {Bytes} of {Total} bytes; retrying in {Seconds} s: {Reason}")]
    private static partial void LogRetry(ILogger logger, string file, long bytes, long total, double seconds, string reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "The server ignored the range request for {File} from byte {Offset}; downloading it from the start")]
    private static partial void LogRangeIgnored(ILogger logger, string file, long offset);
}
