using LLama;
using LLama.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Oprel.Models.Tiny;
using Oprel.Worker.Engine;

namespace Oprel.Worker.Tests.Grammar;

/// <summary>The built-in tiny model loaded once, for llama.cpp's grammar engine to check and sample with.</summary>
public sealed class TinyGrammarFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oprel-grammar-tests-").FullName;

    internal LLamaWeights Weights { get; private set; } = null!;

    internal ModelParams Parameters { get; private set; } = null!;

    internal LlamaGrammarProbe Probe { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var path = await TinyModel.EnsureAsync(_directory, CancellationToken.None);

        // The engine's own setup: the first native call of this process may come from here or from the engine tests.
        NativeLibrarySetup.Configure(null, NullLogger.Instance);
        Parameters = new ModelParams(path) { ContextSize = 4096, GpuLayerCount = 0, BatchSize = 64, UBatchSize = 64, Threads = 2, BatchThreads = 2 };
        Weights = LLamaWeights.LoadFromFile(Parameters);
        Probe = new LlamaGrammarProbe(Weights, Parameters, TinyVocabulary.Create(TinyCorpus.Story));
    }

    public Task DisposeAsync()
    {
        Weights.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
