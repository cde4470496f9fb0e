using System.Runtime.CompilerServices;
using Oprel.Rpc;
using Oprel.Worker.Engine;

namespace Oprel.Supervisor.Tests.Telemetry;

/// <summary>An engine that streams a few words and reports timings like the decode loop does.</summary>
internal sealed class TimedEngine : IInferenceEngine
{
    public WorkerModelInfo Info { get; } = new()
    {
        ProcessId = Environment.ProcessId,
        ModelPath = "/models/timed.gguf",
        ContextSize = 512,
        VocabularySize = 10,
        ParameterCount = 1,
        SizeBytes = 1,
        LoadDurationNs = 1,
        Description = "timed",
        Processor = "100% CPU",
        GpuLayers = 0,
    };

    public int ActiveSequences => 1;

    public int QueuedRequests => 2;

    public async IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken);
        foreach (var word in new[] { "the", " fox", " ran" })
        {
            await Task.Delay(5, cancellationToken);
            yield return new GenerationChunk { Text = word };
        }

        yield return new GenerationChunk
        {
            Done = true,
            DoneReason = "stop",
            PromptTokens = 7,
            CachedPromptTokens = 2,
            GeneratedTokens = 3,
            PromptEvalDurationNs = 20_000_000,
            EvalDurationNs = 15_000_000,
        };
    }

    public Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new EmbeddingResult([[1f, 0f]], 4, 1));

    public int[] Tokenize(string text) => [1, 2];

    public void Dispose()
    {
    }
}
