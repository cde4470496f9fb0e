using System.Diagnostics;
using System.Runtime.CompilerServices;
using Oprel.Rpc;
using Oprel.Telemetry;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// Wraps the RPC proxy of one worker: each load, generation and embedding gets a client span (whose context the
/// worker continues) and feeds the token and latency metrics. Pings, tokenizing and shutdown pass straight through.
/// </summary>
internal sealed class InstrumentedWorkerService(IWorkerService inner, string model, int workerProcessId, SupervisorMetrics metrics) : IWorkerService
{
    public async Task<WorkerModelInfo> LoadAsync(WorkerLoadRequest request, CancellationToken cancellationToken)
    {
        using var span = SupervisorTracing.StartWorkerCall("load", model, workerProcessId);
        try
        {
            var info = await inner.LoadAsync(request, cancellationToken);
            span?.SetTag("oprel.model.load_ms", info.LoadDurationNs / 1_000_000);
            return info;
        }
        catch (Exception error)
        {
            GenAiTags.SetError(span, error);
            throw;
        }
    }

    public IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ObserveAsync(request, cancellationToken);
    }

    public async Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = SupervisorTracing.StartWorkerCall("embeddings", model, workerProcessId);
        try
        {
            var result = await inner.EmbedAsync(request, cancellationToken);
            metrics.EmbeddingCompleted(model, result.PromptTokens);
            span?.SetTag(GenAiTags.InputTokens, result.PromptTokens);
            return result;
        }
        catch (Exception error)
        {
            GenAiTags.SetError(span, error);
            throw;
        }
    }

    public Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken) => inner.TokenizeAsync(text, cancellationToken);

    public Task<WorkerHealth> PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    public Task ShutdownAsync(CancellationToken cancellationToken) => inner.ShutdownAsync(cancellationToken);

    /// <summary>Derives the metrics of a finished generation from the supervisor's clock and the worker's counts.</summary>
    internal static GenerationTimings Timings(GenerationChunk last, long started, long firstText, long done)
    {
        ArgumentNullException.ThrowIfNull(last);
        TimeSpan? latency = firstText != 0 && last.GeneratedTokens > 1
            ? Stopwatch.GetElapsedTime(firstText, done) / (last.GeneratedTokens - 1)
            : null;
        double? speed = last.EvalDurationNs > 0 && last.GeneratedTokens > 0
            ? last.GeneratedTokens / (last.EvalDurationNs / 1e9)
            : null;
        return new GenerationTimings(
            last.PromptTokens,
            last.CachedPromptTokens,
            last.GeneratedTokens,
            firstText != 0 ? Stopwatch.GetElapsedTime(started, firstText) : null,
            latency,
            speed);
    }

    private async IAsyncEnumerable<GenerationChunk> ObserveAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var operation = GenAiTags.Operation(request);
        using var span = SupervisorTracing.StartWorkerCall(operation, model, workerProcessId);
        GenAiTags.SetRequest(span, operation, model, request.Sampling);
        var started = Stopwatch.GetTimestamp();
        long firstText = 0;
        IAsyncEnumerator<GenerationChunk> chunks;
        using (AmbientScope.Enter(span))
        {
            // The call sends the request: the worker sees this span as its parent.
            chunks = inner.GenerateAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        await using (chunks)
        {
            while (true)
            {
                bool more;
                using (AmbientScope.Enter(span))
                {
                    try
                    {
                        more = await chunks.MoveNextAsync();
                    }
                    catch (Exception error)
                    {
                        GenAiTags.SetError(span, error);
                        throw;
                    }
                }

                if (!more)
                {
                    yield break;
                }

                var chunk = chunks.Current;
                if (firstText == 0 && (chunk.Text.Length > 0 || (chunk.Done && chunk.GeneratedTokens > 0)))
                {
                    firstText = Stopwatch.GetTimestamp();
                }

                if (chunk.Done)
                {
                    var timings = Timings(chunk, started, firstText, Stopwatch.GetTimestamp());
                    metrics.GenerationCompleted(model, timings);
                    GenAiTags.SetUsage(span, chunk);
                    if (timings.TimeToFirstToken is { } ttft)
                    {
                        span?.SetTag("oprel.time_to_first_token_ms", ttft.TotalMilliseconds);
                    }
                }

                yield return chunk;
            }
        }
    }
}
