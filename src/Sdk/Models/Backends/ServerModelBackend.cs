using System.Runtime.CompilerServices;
using System.Text.Json;
using Oprel.Http;
using Oprel.Json;
using Oprel.OllamaApi;
using Oprel.Rpc;
using Oprel.Server;
using StreamJsonRpc;

namespace Oprel.Models.Backends;

/// <summary>Server mode: the model lives in a worker of the Oprel server, reached over the server's named pipe.</summary>
internal sealed class ServerModelBackend(string model, int? maxMemoryMb, DefaultServer server) : IModelBackend
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SupervisorConnection? _connection;

    public bool IsLoaded { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in StreamAsync(new OllamaChatRequest { Model = model, Messages = [], Options = Options(null) }, cancellationToken).ConfigureAwait(false))
        {
        }

        IsLoaded = true;
    }

    public async Task UnloadAsync(CancellationToken cancellationToken)
    {
        var keepAlive = JsonSerializer.SerializeToElement(0, SdkJsonContext.Default.Int32);
        await foreach (var _ in StreamAsync(new OllamaChatRequest { Model = model, Messages = [], KeepAlive = keepAlive }, cancellationToken).ConfigureAwait(false))
        {
        }

        IsLoaded = false;
    }

    public async IAsyncEnumerable<string> ChatAsync(IReadOnlyList<Message> messages, SamplingOptions sampling, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new OllamaChatRequest
        {
            Model = model,
            Messages = messages.Select(OllamaRequests.ToWire).ToArray(),
            Options = Options(sampling),
        };
        await foreach (var chunk in StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            IsLoaded = true;
            if (chunk.Message.Content is { Length: > 0 } text)
            {
                yield return text;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _connection?.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private OllamaOptions Options(SamplingOptions? sampling) => new()
    {
        Temperature = sampling?.Temperature,
        TopP = sampling?.TopP,
        TopK = sampling?.TopK,
        NumPredict = sampling?.NumPredict,
        MaxMemoryMb = maxMemoryMb,
    };

    private async IAsyncEnumerable<OllamaChatResponse> StreamAsync(OllamaChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var chunks = connection.Service.ChatAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var disposeChunks = chunks.ConfigureAwait(false);
        while (true)
        {
            bool more;
            try
            {
                more = await chunks.MoveNextAsync().ConfigureAwait(false);
            }
            catch (RemoteInvocationException error)
            {
                throw RpcErrors.FromRpc(error);
            }
            catch (ConnectionLostException error)
            {
                server.Invalidate();
                throw new BackendException("The connection to the Oprel server was lost during the request.", error);
            }

            if (!more)
            {
                yield break;
            }

            yield return chunks.Current;
        }
    }

    private async Task<SupervisorConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { IsConnected: true } live)
            {
                return live;
            }

            _connection?.Dispose();
            _connection = null;
            await server.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _connection = await SupervisorConnection.ConnectAsync(server.Endpoint.Port, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            }
            catch (BackendException)
            {
                // The server we knew of may have stopped since: check (and start it) once more.
                server.Invalidate();
                await server.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
                _connection = await SupervisorConnection.ConnectAsync(server.Endpoint.Port, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            }

            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }
}
