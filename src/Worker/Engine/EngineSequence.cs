using System.Diagnostics;
using System.Threading.Channels;
using LLama;
using LLama.Native;
using Oprel.Rpc;

namespace Oprel.Worker.Engine;

/// <summary>
/// One request being served by the decode loop: its prompt, its sampler, its output channel and its counters.
/// Only the decode loop thread touches it after it is queued, except <see cref="CancellationToken"/>.
/// </summary>
internal sealed class EngineSequence : IDisposable
{
    private readonly ChannelWriter<GenerationChunk> _output;
    private GenerationChunk? _ending;
    private Exception? _error;
    private readonly StreamingTokenDecoder _decoder;
    private readonly StopSequenceMatcher _stops;
    private readonly int _maxTokens;
    private long _startTimestamp;
    private bool _emitted;
    private long _firstTokenTimestamp;

    public EngineSequence(
        IReadOnlyList<LLamaToken> promptTokens,
        SamplingOptions sampling,
        SafeLLamaSamplerChainHandle sampler,
        StreamingTokenDecoder decoder,
        ChannelWriter<GenerationChunk> output,
        CancellationToken cancellationToken)
    {
        PromptTokens = promptTokens;
        Sampler = sampler;
        _decoder = decoder;
        _output = output;
        _stops = new StopSequenceMatcher(sampling.Stop);
        _maxTokens = sampling.NumPredict < 0 ? int.MaxValue : sampling.NumPredict;
        CancellationToken = cancellationToken;
    }

    public IReadOnlyList<LLamaToken> PromptTokens { get; }

    /// <summary>True for chat answers: whitespace before the first visible character is dropped.</summary>
    public bool TrimLeadingWhitespace { get; init; }

    public SafeLLamaSamplerChainHandle Sampler { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The slot (KV-cache sequence) serving it, once assigned.</summary>
    public SequenceSlot? Slot { get; private set; }

    /// <summary>Index of the next prompt token to evaluate.</summary>
    public int PromptCursor { get; set; }

    public int CachedPromptTokens { get; private set; }

    /// <summary>The last sampled token, which the next batch must evaluate.</summary>
    public LLamaToken? NextToken { get; private set; }

    /// <summary>The index of this sequence's logits in the batch just decoded, or -1.</summary>
    public int LogitsIndex { get; set; } = -1;

    public int GeneratedTokens { get; private set; }

    public bool Finished { get; private set; }

    public bool PromptDone => PromptCursor >= PromptTokens.Count;

    public void Assign(SequenceSlot slot, int cachedTokens)
    {
        Slot = slot;
        CachedPromptTokens = cachedTokens;
        PromptCursor = cachedTokens;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Handles a token the sampler chose. Returns false when the sequence has finished.</summary>
    public bool Accept(LLamaToken token, SafeLlamaModelHandle model)
    {
        if (_firstTokenTimestamp == 0)
        {
            _firstTokenTimestamp = Stopwatch.GetTimestamp();
        }

        if (token.IsEndOfGeneration(model.Vocab))
        {
            Finish("stop");
            return false;
        }

        GeneratedTokens++;
        _decoder.Add(token);
        var text = _stops.Append(_decoder.Read());
        if (TrimLeadingWhitespace && !_emitted)
        {
            // An assistant's answer starts at its first visible character (SentencePiece words carry a leading space).
            text = text.TrimStart();
        }

        if (text.Length > 0)
        {
            _emitted = true;
            _output.TryWrite(new GenerationChunk { Text = text });
        }

        if (_stops.Stopped)
        {
            Finish("stop");
            return false;
        }

        if (GeneratedTokens >= _maxTokens)
        {
            Finish("length");
            return false;
        }

        NextToken = token;
        return true;
    }

    /// <summary>Ends the stream with its final chunk, sent by <see cref="Close"/>. Safe to call more than once.</summary>
    public void Finish(string reason)
    {
        if (Finished)
        {
            return;
        }

        Finished = true;
        NextToken = null;
        var rest = _stops.Flush();
        if (rest.Length > 0 && reason != "cancel")
        {
            _output.TryWrite(new GenerationChunk { Text = rest });
        }

        var now = Stopwatch.GetTimestamp();
        var firstToken = _firstTokenTimestamp == 0 ? now : _firstTokenTimestamp;
        var start = _startTimestamp == 0 ? now : _startTimestamp;
        _ending = new GenerationChunk
        {
            Done = true,
            DoneReason = reason,
            PromptTokens = PromptTokens.Count - CachedPromptTokens,
            CachedPromptTokens = CachedPromptTokens,
            GeneratedTokens = GeneratedTokens,
            PromptEvalDurationNs = (long)Stopwatch.GetElapsedTime(start, firstToken).TotalNanoseconds,
            EvalDurationNs = (long)Stopwatch.GetElapsedTime(firstToken, now).TotalNanoseconds,
        };
    }

    /// <summary>Ends the stream with an error, sent by <see cref="Close"/>.</summary>
    public void Fail(Exception error)
    {
        if (Finished)
        {
            return;
        }

        Finished = true;
        NextToken = null;
        _error = error;
    }

    /// <summary>
    /// Sends the end of a finished stream (the final chunk, or the error) and completes it. The decode loop calls this
    /// once the sequence has given up its slot, so a caller that sees the end sees the engine without it.
    /// </summary>
    public void Close()
    {
        if (_ending is { } ending)
        {
            _output.TryWrite(ending);
        }

        _output.TryComplete(_error);
    }

    public void Dispose() => Sampler.Dispose();
}
