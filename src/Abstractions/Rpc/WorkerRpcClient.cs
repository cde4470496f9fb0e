using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using StreamJsonRpc;

namespace Oprel.Rpc;

/// <summary>
/// The supervisor's end of <see cref="IWorkerRpc"/>: an <see cref="IWorkerService"/> over a worker's connection, whose
/// generations gather the chunks the worker writes to its token pipe into one ordered stream.
/// </summary>
internal sealed class WorkerRpcClient : IWorkerService
{
    private readonly IWorkerRpc _proxy;
    private readonly ConcurrentDictionary<long, RemoteChunkStream> _streams = new();
    private long _lastStream;
    private volatile Exception? _tokenPipeError;

    private WorkerRpcClient(JsonRpc rpc)
    {
        _proxy = rpc.Attach<IWorkerRpc>();
    }

    /// <summary>
    /// Completes when the token pipe has ended: the worker closed it or exited. Faults if the pipe broke or carried
    /// something that is not a frame; the generations under way then fail at once, and so does every later one.
    /// </summary>
    public Task TokensEnded { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// A client on <paramref name="rpc"/>, reading the chunks of its generations from <paramref name="tokens"/> on a
    /// thread of its own (named <paramref name="threadName"/>) until that stream ends; call before the connection
    /// starts listening. A reader of a generation continues on that thread, so the chunk reaches its HTTP response
    /// without another thread being woken.
    /// </summary>
    public static WorkerRpcClient Attach(JsonRpc rpc, Stream tokens, string threadName = "oprel-tokens")
    {
        ArgumentNullException.ThrowIfNull(rpc);
        var client = new WorkerRpcClient(rpc);
        client.TokensEnded = TokenFrameReader.Start(tokens, client.Deliver, threadName);
        _ = client.TokensEnded.ContinueWith(
            static (ended, state) => ((WorkerRpcClient)state!).FailStreams(ended.Exception!.InnerException!),
            client,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return client;
    }

    public Task<WorkerModelInfo> LoadAsync(WorkerLoadRequest request, CancellationToken cancellationToken) => _proxy.LoadAsync(request, cancellationToken);

    public async IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastStream);
        var stream = new RemoteChunkStream();
        _streams[id] = stream;

        // Checked after registering: a pipe that breaks from now on fails the stream (FailStreams sets the error first).
        if (_tokenPipeError is { } broken)
        {
            _streams.TryRemove(id, out _);
            throw TokenPipeBroken(broken);
        }

        // Cancelled when the reader stops early, too: the worker then frees the sequence at once.
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var result = _proxy.GenerateAsync(id, request, call.Token);
            _ = result.ContinueWith(static (task, state) => ((RemoteChunkStream)state!).End(task), stream, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            // Read without ReadAllAsync: its own iterator would be one more state machine to resume for every token.
            var reader = stream.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var chunk))
                {
                    yield return chunk;
                }
            }

            stream.ThrowIfFailed();
        }
        finally
        {
            _streams.TryRemove(id, out _);
            await call.CancelAsync().ConfigureAwait(false);
        }
    }

    public Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken) => _proxy.EmbedAsync(request, cancellationToken);

    public Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken) => _proxy.TokenizeAsync(text, cancellationToken);

    public Task<WorkerHealth> PingAsync(CancellationToken cancellationToken) => _proxy.PingAsync(cancellationToken);

    public Task ShutdownAsync(CancellationToken cancellationToken) => _proxy.ShutdownAsync(cancellationToken);

    private static BackendException TokenPipeBroken(Exception error) => new($"The worker's token pipe broke: {error.Message}", error);

    private void FailStreams(Exception error)
    {
        _tokenPipeError = error;
        foreach (var stream in _streams.Values)
        {
            stream.Fail(TokenPipeBroken(error));
        }
    }

    private void Deliver(long stream, string text)
    {
        if (_streams.TryGetValue(stream, out var target))
        {
            target.Deliver(new GenerationChunk { Text = text });
        }
    }
}
