using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using Oprel.Rpc;
using Oprel.Telemetry;

namespace Oprel.Worker.Telemetry;

/// <summary>
/// The worker's <see cref="ActivitySource"/>: spans for loading the model, and for each generation ("generate",
/// with "prompt_eval" and "generation" inside it) and embedding, each continuing the trace of the supervisor's
/// request that asked for it. Nothing is recorded unless a listener is attached (the OTLP exporter, when configured).
/// </summary>
internal static class WorkerTracing
{
    public const string SourceName = "Oprel.Worker";

    public static readonly ActivitySource Source = new(
        SourceName, typeof(WorkerTracing).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]);

    /// <summary>Starts a span for the RPC request being dispatched now, as a child of the supervisor's span.</summary>
    public static Activity? StartRequest(string name, string? model)
    {
        var span = RpcTraceContext.StartSpan(Source, name, ActivityKind.Server, RpcTraceContext.RemoteParent(Activity.Current));
        span?.SetTag(GenAiTags.RequestModel, model);
        return span;
    }

    /// <summary>
    /// Wraps a generation's stream in a "generate" span. Call it while the request is dispatched: the supervisor's
    /// trace context is current then, not when the stream is read.
    /// </summary>
    public static IAsyncEnumerable<GenerationChunk> TraceGeneration(
        IAsyncEnumerable<GenerationChunk> chunks, GenerationRequest request, string? model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(request);
        return Source.HasListeners()
            ? TraceAsync(chunks, request, model, RpcTraceContext.RemoteParent(Activity.Current), cancellationToken)
            : chunks;
    }

    /// <summary>
    /// Adds the two phases of a finished generation under its span, timed by the decode loop: reading the prompt
    /// (from taking a sequence slot to the first token) and generating (from the first token to the last).
    /// </summary>
    internal static void RecordPhases(Activity span, GenerationChunk last, DateTimeOffset end)
    {
        GenAiTags.SetUsage(span, last);
        var firstToken = end - TimeSpan.FromTicks(last.EvalDurationNs / 100);
        var promptStart = firstToken - TimeSpan.FromTicks(last.PromptEvalDurationNs / 100);
        using (var prompt = Source.StartActivity("prompt_eval", ActivityKind.Internal, span.Context, startTime: promptStart))
        {
            prompt?.SetTag("oprel.prompt.evaluated_tokens", last.PromptTokens);
            prompt?.SetTag(GenAiTags.CachedInputTokens, last.CachedPromptTokens);
            prompt?.SetEndTime(firstToken.UtcDateTime);
        }

        using var generation = Source.StartActivity("generation", ActivityKind.Internal, span.Context, startTime: firstToken);
        generation?.SetTag(GenAiTags.OutputTokens, last.GeneratedTokens);
        generation?.SetTag(GenAiTags.FinishReasons, last.DoneReason is { } reason ? new[] { reason } : null);
        generation?.SetEndTime(end.UtcDateTime);
    }

    private static async IAsyncEnumerable<GenerationChunk> TraceAsync(
        IAsyncEnumerable<GenerationChunk> chunks, GenerationRequest request, string? model, ActivityContext parent, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var operation = GenAiTags.Operation(request);
        using var span = RpcTraceContext.StartSpan(Source, "generate", ActivityKind.Server, parent);
        GenAiTags.SetRequest(span, operation, model, request.Sampling);
        await using var enumerator = chunks.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await enumerator.MoveNextAsync();
            }
            catch (Exception error)
            {
                GenAiTags.SetError(span, error);
                throw;
            }

            if (!more)
            {
                yield break;
            }

            var chunk = enumerator.Current;
            if (chunk.Done && span is not null)
            {
                RecordPhases(span, chunk, DateTimeOffset.UtcNow);
            }

            yield return chunk;
        }
    }
}
