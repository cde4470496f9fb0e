using Microsoft.Extensions.Logging.Abstractions;
using Nerdbank.Streams;
using Oprel.Rpc;
using Oprel.Worker.Hosting;
using StreamJsonRpc;

namespace Oprel.Worker.Tests.Hosting;

/// <summary>The worker's RPC contract, end to end over an in-memory duplex pipe: what crosses the wire and how errors do.</summary>
public sealed class WorkerServiceRpcTests : IAsyncLifetime
{
    private readonly ScriptedEngine _engine = new(["the", " fox", " ran", "."], TimeSpan.FromMilliseconds(5));
    private WorkerService _service = null!;
    private JsonRpc _server = null!;
    private JsonRpc _client = null!;
    private Stream _workerTokens = null!;
    private Stream _supervisorTokens = null!;
    private IWorkerService _proxy = null!;

    public Task InitializeAsync()
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        (_workerTokens, _supervisorTokens) = FullDuplexStream.CreatePair();
        _service = new WorkerService(NullLogger.Instance, (_, _) => _engine);
        _server = RpcConnection.Create(serverStream);
        WorkerRpcServer.Register(_server, _workerTokens, _service);
        _server.StartListening();
        _client = RpcConnection.Create(clientStream);
        _proxy = WorkerRpcClient.Attach(_client, _supervisorTokens);
        _client.StartListening();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _server.Dispose();
        _service.Dispose();
        await _workerTokens.DisposeAsync();
        await _supervisorTokens.DisposeAsync();
    }

    [Fact]
    public async Task GenerateAsync_BeforeLoad_FailsWithNotLoadedCode()
    {
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(async () =>
        {
            await foreach (var _ in _proxy.GenerateAsync(new GenerationRequest { Prompt = "hi" }, CancellationToken.None))
            {
            }
        });
        Assert.Equal(RpcErrorCodes.NotLoaded, error.ErrorCode);
    }

    [Fact]
    public async Task LoadAsync_ReturnsModelInfoAcrossThePipe()
    {
        var info = await _proxy.LoadAsync(new WorkerLoadRequest { ModelPath = "/models/scripted.gguf", ModelName = "scripted" }, CancellationToken.None);
        Assert.Equal("/models/scripted.gguf", info.ModelPath);
        Assert.Equal(512, info.ContextSize);
        Assert.Equal("100% CPU", info.Processor);
    }

    [Fact]
    public async Task LoadAsync_Twice_FailsWithInvalidRequest()
    {
        await _proxy.LoadAsync(new WorkerLoadRequest { ModelPath = "a.gguf", ModelName = "a" }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(
            () => _proxy.LoadAsync(new WorkerLoadRequest { ModelPath = "b.gguf", ModelName = "b" }, CancellationToken.None));
        Assert.Equal(RpcErrorCodes.InvalidRequest, error.ErrorCode);
    }

    [Fact]
    public async Task GenerateAsync_StreamsChunksInOrderThenDone()
    {
        await _proxy.LoadAsync(new WorkerLoadRequest { ModelPath = "a.gguf", ModelName = "a" }, CancellationToken.None);
        var request = new GenerationRequest
        {
            Messages = [new ChatTurn("user", "tell me")],
            Sampling = new SamplingOptions { Temperature = 0, Stop = ["END"], Seed = 7 },
        };

        var chunks = new List<GenerationChunk>();
        await foreach (var chunk in _proxy.GenerateAsync(request, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        Assert.Equal("the fox ran.", string.Concat(chunks.Select(c => c.Text)));
        Assert.True(chunks[^1].Done);
        Assert.Equal("stop", chunks[^1].DoneReason);
        Assert.Equal(4, chunks[^1].GeneratedTokens);
        var received = Assert.Single(_engine.Requests);
        Assert.Equal("tell me", Assert.Single(received.Messages!).Content);
        Assert.Equal(["END"], received.Sampling.Stop);
        Assert.Equal(7u, received.Sampling.Seed);
    }

    [Fact]
    public async Task GenerateAsync_TokenPipeCarriesSomethingElse_FailsAtOnce_AndSoDoesTheNextOne()
    {
        await _proxy.LoadAsync(new WorkerLoadRequest { ModelPath = "a.gguf", ModelName = "a" }, CancellationToken.None);
        var request = new GenerationRequest { Prompt = "tell me", Sampling = new SamplingOptions { Temperature = 0 } };
        await using var chunks = _proxy.GenerateAsync(request, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync());

        await _workerTokens.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        await _workerTokens.FlushAsync();

        var error = await Assert.ThrowsAsync<BackendException>(async () =>
        {
            while (await chunks.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)))
            {
            }
        });
        Assert.Contains("token pipe broke", error.Message, StringComparison.Ordinal);
        var next = await Assert.ThrowsAsync<BackendException>(async () =>
        {
            await foreach (var _ in _proxy.GenerateAsync(request, CancellationToken.None))
            {
            }
        });
        Assert.Contains("token pipe broke", next.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_CallerCancels_EngineSeesCancellation()
    {
        _engine.Delay = TimeSpan.FromMilliseconds(500);
        await _proxy.LoadAsync(new WorkerLoadRequest { ModelPath = "a.gguf", ModelName = "a" }, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in _proxy.GenerateAsync(new GenerationRequest { Prompt = "x" }, cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });

        await _engine.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task GenerateAsync_ReaderStopsEarly_TheWorkerStopsGenerating()
    {
        _engine.Delay = TimeSpan.FromMilliseconds(500);
        await _proxy.LoadAsync(new WorkerLoadRequest { ModelPath = "a.gguf", ModelName = "a" }, CancellationToken.None);
        await foreach (var chunk in _proxy.GenerateAsync(new GenerationRequest { Prompt = "x" }, CancellationToken.None))
        {
            Assert.Equal("the", chunk.Text);
            break;
        }

        await _engine.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task GenerateAsync_TwoAtOnce_EachGetsItsOwnChunks()
    {
        await _proxy.LoadAsync(new WorkerLoadRequest { ModelPath = "a.gguf", ModelName = "a" }, CancellationToken.None);
        async Task<string> CollectAsync()
        {
            var text = "";
            await foreach (var chunk in _proxy.GenerateAsync(new GenerationRequest { Prompt = "x" }, CancellationToken.None))
            {
                text += chunk.Text;
            }

            return text;
        }

        var texts = await Task.WhenAll(CollectAsync(), CollectAsync());
        Assert.Equal(["the fox ran.", "the fox ran."], texts);
    }

    [Fact]
    public async Task PingAsync_ReportsLoadedState()
    {
        Assert.False((await _proxy.PingAsync(CancellationToken.None)).Loaded);
        await _proxy.LoadAsync(new WorkerLoadRequest { ModelPath = "a.gguf", ModelName = "a" }, CancellationToken.None);
        var health = await _proxy.PingAsync(CancellationToken.None);
        Assert.True(health.Loaded);
        Assert.Equal(Environment.ProcessId, health.ProcessId);
        Assert.True(health.ResidentBytes > 0);
    }

    [Fact]
    public async Task ShutdownAsync_CompletesShutdownRequested()
    {
        await _proxy.ShutdownAsync(CancellationToken.None);
        await _service.ShutdownRequested.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
