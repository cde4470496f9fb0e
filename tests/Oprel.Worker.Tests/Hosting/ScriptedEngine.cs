using System.Runtime.CompilerServices;
using Oprel.Rpc;
using Oprel.Worker.Engine;

namespace Oprel.Worker.Tests.Hosting;

/// <summary>An engine that answers with a fixed list of words, one chunk each, and remembers what it was asked.</summary>
internal sealed class ScriptedEngine(IReadOnlyList<string> words, TimeSpan delay) : IInferenceEngine
{
    public List<GenerationRequest> Requests { get; } = [];

    /// <summary>How long each word takes. The worker pushes chunks as they come, so a test that stops reading
    /// mid-stream needs words slow enough that the stream is still running when the worker hears of it.</summary>
    public TimeSpan Delay { get; set; } = delay;

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Disposed { get; private set; }

    public WorkerModelInfo Info { get; } = new()
    {
        ProcessId = Environment.ProcessId,
        ModelPath = "/models/scripted.gguf",
        ContextSize = 512,
        VocabularySize = 10,
        ParameterCount = 1,
        SizeBytes = 1,
        LoadDurationNs = 1,
        Description = "scripted",
        Processor = "100% CPU",
        GpuLayers = 0,
    };

    public int ActiveSequences => 0;

    public int QueuedRequests => 0;

    public async IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Requests.Add(request);
        using var registration = cancellationToken.Register(() => Cancelled.TrySetResult());
        foreach (var word in words)
        {
            await Task.Delay(Delay, cancellationToken);
            yield return new GenerationChunk { Text = word };
        }

        yield return new GenerationChunk { Done = true, DoneReason = "stop", GeneratedTokens = words.Count, PromptTokens = 3 };
    }

    public Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new EmbeddingResult(request.Inputs.Select(i => new[] { i.Length, 1f }).ToArray(), request.Inputs.Count, 1));

    public int[] Tokenize(string text) => text.Split(' ').Select(w => w.Length).ToArray();

    public void Dispose() => Disposed = true;
}
