using Microsoft.Extensions.Logging.Abstractions;
using Oprel.Rpc;
using Oprel.Worker.Hosting;
using StreamJsonRpc;

namespace Oprel.Worker.Tests.Hosting;

/// <summary>A worker handed its load request at start loads at once, and the LoadAsync that follows gets that load.</summary>
public sealed class WorkerServicePreloadTests
{
    private static readonly WorkerLoadRequest Fox = new() { ModelPath = "/models/fox.gguf", ModelName = "fox", ContextSize = 2048, Parallel = 4 };

    [Fact]
    public async Task LoadAsync_SameRequestAsThePreload_LoadsOnceAndWaitsForIt()
    {
        var loads = new List<string>();
        var release = new TaskCompletionSource();
        var engine = new ScriptedEngine(["a"], TimeSpan.Zero);
        using var service = new WorkerService(NullLogger.Instance, (request, _) =>
        {
            lock (loads)
            {
                loads.Add(request.ModelName);
            }

            release.Task.Wait();
            return engine;
        });

        service.Preload(Fox);
        var load = service.LoadAsync(Fox with { }, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(load.IsCompleted);
        release.SetResult();

        Assert.Same(engine.Info, await load);
        Assert.Equal(["fox"], loads);
    }

    [Fact]
    public async Task LoadAsync_AnotherRequest_FreesThePreloadAndLoadsWhatWasAsked()
    {
        var engines = new List<ScriptedEngine>();
        using var service = new WorkerService(NullLogger.Instance, (request, _) =>
        {
            var engine = new ScriptedEngine([request.ModelName], TimeSpan.Zero);
            lock (engines)
            {
                engines.Add(engine);
            }

            return engine;
        });

        service.Preload(Fox);
        await service.LoadAsync(Fox with { ModelName = "owl", ModelPath = "/models/owl.gguf" }, CancellationToken.None);

        Assert.Equal(2, engines.Count);
        Assert.True(engines[0].Disposed);
        Assert.False(engines[1].Disposed);
    }

    [Fact]
    public async Task LoadAsync_PreloadFailed_FailsWithTheLoadError()
    {
        using var service = new WorkerService(NullLogger.Instance, (_, _) =>
            throw new LocalRpcException("llama.cpp could not load '/models/fox.gguf'") { ErrorCode = RpcErrorCodes.ModelLoadFailed });

        service.Preload(Fox);
        var error = await Assert.ThrowsAsync<LocalRpcException>(() => service.LoadAsync(Fox, CancellationToken.None));

        Assert.Equal(RpcErrorCodes.ModelLoadFailed, error.ErrorCode);
    }

    [Fact]
    public void Read_WhatTheSupervisorWrites_IsTheSameRequest()
    {
        Assert.Equal(Fox, WorkerPreload.Read(WorkerPreload.Write(Fox)));
        Assert.Null(WorkerPreload.Read(null));
        Assert.Null(WorkerPreload.Read("{not json"));
    }
}
