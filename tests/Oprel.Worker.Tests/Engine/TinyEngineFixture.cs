using Microsoft.Extensions.Logging.Abstractions;
using Oprel.Models.Tiny;
using Oprel.Rpc;
using Oprel.Worker.Engine;

namespace Oprel.Worker.Tests.Engine;

/// <summary>The built-in tiny model loaded once in the engine as the worker loads it (streams continue on the decode thread), with two parallel sequences.</summary>
public sealed class TinyEngineFixture : IAsyncLifetime
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("oprel-engine-tests-").FullName;

    internal LlamaEngine Engine { get; private set; } = null!;

    internal string ModelPath { get; private set; } = "";

    internal string Directory => _directory;

    public async Task InitializeAsync()
    {
        ModelPath = await TinyModel.EnsureAsync(_directory, CancellationToken.None);
        Engine = LlamaEngine.Load(
            new WorkerLoadRequest { ModelPath = ModelPath, ModelName = "tiny", ContextSize = 512, Threads = 2, BatchSize = 64, Parallel = 2 },
            NullLogger.Instance,
            streamOnDecodeThread: true);
    }

    public Task DisposeAsync()
    {
        Engine.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
