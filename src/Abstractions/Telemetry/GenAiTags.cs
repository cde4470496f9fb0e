using System.Diagnostics;
using Oprel.Rpc;

namespace Oprel.Telemetry;

/// <summary>
/// Span attributes named after OpenTelemetry's generative-AI conventions (<c>gen_ai.*</c>), which the supervisor and
/// the worker both set, so that a trace reads the same on either side of the pipe.
/// </summary>
internal static class GenAiTags
{
    public const string OperationName = "gen_ai.operation.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string FinishReasons = "gen_ai.response.finish_reasons";
    public const string CachedInputTokens = "oprel.usage.cached_input_tokens";

    /// <summary>"chat" for a request with messages, "text_completion" for a prompt.</summary>
    public static string Operation(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Messages is null ? "text_completion" : "chat";
    }

    /// <summary>Tags a generation span with its model and sampling settings; a no-op for spans nobody records.</summary>
    public static void SetRequest(Activity? span, string operation, string? model, SamplingOptions sampling)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        if (span is not { IsAllDataRequested: true })
        {
            return;
        }

        span.SetTag(OperationName, operation);
        span.SetTag(RequestModel, model);
        span.SetTag("gen_ai.request.temperature", sampling.Temperature);
        span.SetTag("gen_ai.request.top_p", sampling.TopP);
        span.SetTag("gen_ai.request.top_k", sampling.TopK);
        if (sampling.NumPredict >= 0)
        {
            span.SetTag("gen_ai.request.max_tokens", sampling.NumPredict);
        }

        if (sampling.Seed is { } seed)
        {
            span.SetTag("gen_ai.request.seed", seed);
        }
    }

    /// <summary>Tags a span with the counts of a generation's last chunk.</summary>
    public static void SetUsage(Activity? span, GenerationChunk last)
    {
        ArgumentNullException.ThrowIfNull(last);
        if (span is not { IsAllDataRequested: true })
        {
            return;
        }

        span.SetTag(InputTokens, last.PromptTokens + last.CachedPromptTokens);
        span.SetTag(CachedInputTokens, last.CachedPromptTokens);
        span.SetTag(OutputTokens, last.GeneratedTokens);
        if (last.DoneReason is { } reason)
        {
            span.SetTag(FinishReasons, new[] { reason });
        }
    }

    /// <summary>Marks a span failed; a cancellation (the client went away) is noted but is no error.</summary>
    public static void SetError(Activity? span, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (span is null)
        {
            return;
        }

        if (error is OperationCanceledException)
        {
            span.SetTag("oprel.cancelled", true);
            return;
        }

        span.SetStatus(ActivityStatusCode.Error, error.Message);
        span.SetTag("error.type", error.GetType().FullName);
    }
}
