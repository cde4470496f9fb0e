using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Oprel.Downloads;
using Oprel.Hardware;
using Oprel.HuggingFace;
using Oprel.Planning;
using Oprel.Rpc;
using Oprel.Store;
using Oprel.Worker.Engine;
using StreamJsonRpc;

namespace Oprel.Models.Backends;

/// <summary>Direct mode: the model is loaded in this process with the same engine the worker runs.</summary>
internal sealed class DirectModelBackend(string identifier, int? maxMemoryMb, Config config) : IModelBackend
{
    private IInferenceEngine? _engine;

    public bool IsLoaded => _engine is not null;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_engine is not null)
        {
            return;
        }

        // An alias or repository that is not in the store yet is pulled first, chosen to fit maxMemoryMb.
        var store = new ModelStore(config.CacheDir);
        var probe = new HardwareProbe();
        var gpuOffload = GpuOffloadSupport.IsAvailable(config);
        ResolvedModel model;
        using (var huggingFace = new HuggingFaceClient(HuggingFaceOptions.FromEnvironment()))
        {
            var puller = new ModelPuller(huggingFace, store, new BlobDownloader(huggingFace, store), probe, config, gpuOffload);
            model = await new ModelResolver(config, store, puller).ResolveAsync(identifier, maxMemoryMb, cancellationToken).ConfigureAwait(false);
        }

        var placement = await new ModelLoadPlanner(probe, config, gpuOffload)
            .PlanAsync(model, config.CtxSize, config.BatchSize, config.NGpuLayers, maxMemoryMb, cancellationToken)
            .ConfigureAwait(false);
        var request = new WorkerLoadRequest
        {
            ModelPath = model.Path,
            ModelName = model.Name,
            ContextSize = config.CtxSize,
            Threads = config.NThreads,
            BatchSize = config.BatchSize,
            GpuLayers = placement.GpuLayers,
            Parallel = 1,
            NativeLibraryDirectory = config.BinaryDir,
        };
        try
        {
            // llama.cpp loads synchronously: keep it off the caller's thread.
            _engine = await Task.Run(() => LlamaEngine.Load(request, NullLogger.Instance), cancellationToken).ConfigureAwait(false);
        }
        catch (LocalRpcException error)
        {
            throw RpcErrors.FromLocal(error);
        }
        catch (Exception error) when (error is InvalidOperationException or IOException)
        {
            throw new BackendException($"llama.cpp could not load '{model.Name}': {error.Message}", error);
        }
    }

    public Task UnloadAsync(CancellationToken cancellationToken)
    {
        _engine?.Dispose();
        _engine = null;
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ChatAsync(IReadOnlyList<Message> messages, SamplingOptions sampling, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var engine = _engine ?? throw new ValidationException($"'{identifier}' is not loaded: in direct mode (useServer: false) call Load() first.");
        var request = new GenerationRequest { Messages = messages.Select(m => new ChatTurn(m.Role, m.Content)).ToArray(), Sampling = sampling };
        var chunks = engine.GenerateAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var disposeChunks = chunks.ConfigureAwait(false);
        while (true)
        {
            try
            {
                if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (LocalRpcException error)
            {
                throw RpcErrors.FromLocal(error);
            }

            if (chunks.Current.Text.Length > 0)
            {
                yield return chunks.Current.Text;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _engine?.Dispose();
        _engine = null;
        return ValueTask.CompletedTask;
    }
}
