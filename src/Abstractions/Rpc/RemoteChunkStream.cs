using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Oprel.Rpc;

/// <summary>
/// The supervisor's end of one generation on a worker's pipes: chunks arrive on the token pipe, the last one as the
/// request's result on the JSON-RPC pipe, which may be read before chunks the worker wrote ahead of it. The last chunk
/// is passed on only after all those it counts, so the reader sees them in order and complete.
/// </summary>
internal sealed class RemoteChunkStream(TimeSpan? lostChunkTimeout = null)
{
    /// <summary>How long the last chunk waits for chunks it counts that have not arrived: they were written before it,
    /// so a wait longer than a thread's wake-up means one was lost (the token pipe broke).</summary>
    private readonly TimeSpan _lostChunkTimeout = lostChunkTimeout ?? TimeSpan.FromSeconds(10);

    // The reader continues on the thread that delivers (the connection's reader): its work per chunk is the chunk's.
    private readonly Channel<GenerationChunk> _channel = Channel.CreateUnbounded<GenerationChunk>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly Lock _gate = new();
    private int _delivered;
    private bool _ended;
    private GenerationChunk? _last;
    private ExceptionDispatchInfo? _error;

    public ChannelReader<GenerationChunk> Reader => _channel.Reader;

    /// <summary>A chunk sent before the last one.</summary>
    public void Deliver(GenerationChunk chunk)
    {
        lock (_gate)
        {
            if (_channel.Writer.TryWrite(chunk))
            {
                _delivered++;
                CompleteIfWhole();
            }
        }
    }

    /// <summary>The request ended: with the last chunk, or with the error (or cancellation) that ends the stream.</summary>
    public void End(Task<GenerationChunk> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            if (request.IsCompletedSuccessfully)
            {
                _last = request.Result;
                CompleteIfWhole();
                if (_last is not null)
                {
                    _ = FailIfStillIncompleteAsync();
                }

                return;
            }

            // Completing the channel with the error would wrap it in a ChannelClosedException: keep it to rethrow as it is.
            EndWith(request.Exception?.InnerException ?? new OperationCanceledException("The generation was cancelled."));
        }
    }

    /// <summary>Ends the stream with <paramref name="error"/> at once, unless it has ended already (the token pipe broke).</summary>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_gate)
        {
            if (!_ended)
            {
                EndWith(error);
            }
        }
    }

    /// <summary>Throws the error that ended the stream, if one did; call once the reader has read everything.</summary>
    public void ThrowIfFailed() => _error?.Throw();

    private async Task FailIfStillIncompleteAsync()
    {
        await Task.Delay(_lostChunkTimeout).ConfigureAwait(false);
        lock (_gate)
        {
            if (_last is { } last)
            {
                EndWith(new BackendException($"The worker's answer lost {last.ChunksBefore - _delivered} of its {last.ChunksBefore} chunks on the way."));
            }
        }
    }

    private void CompleteIfWhole()
    {
        if (_last is { } last && _delivered >= last.ChunksBefore)
        {
            _channel.Writer.TryWrite(last with { ChunksBefore = 0 });
            _channel.Writer.TryComplete();
            _last = null;
            _ended = true;
        }
    }

    private void EndWith(Exception error)
    {
        _error = ExceptionDispatchInfo.Capture(error);
        _last = null;
        _ended = true;
        _channel.Writer.TryComplete();
    }
}
