using System.Collections.Concurrent;
using LLama;
using LLama.Native;
using Microsoft.Extensions.Logging;
using Oprel.Rpc;
using StreamJsonRpc;

namespace Oprel.Worker.Engine;

/// <summary>
/// The engine's heart: one dedicated thread owns the llama.cpp context and runs synchronous decodes. Every step
/// builds one batch from all active sequences (one token each for those generating, a chunk of prompt for those
/// reading), so a new request joins the running batch instead of waiting for the others (continuous batching).
/// </summary>
internal sealed partial class DecodeLoop : IDisposable
{
    private readonly LLamaContext _context;
    private readonly SafeLlamaModelHandle _model;
    private readonly ILogger _logger;
    private readonly SequenceSlot[] _slots;
    private readonly int _sequenceContext;
    private readonly ConcurrentQueue<EngineSequence> _incoming = new();
    private readonly List<EngineSequence> _waiting = [];
    private readonly List<EngineSequence> _active = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly LLamaBatch _batch = new();
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _activeCount;
    private int _waitingCount;

    public DecodeLoop(LLamaContext context, int parallel, ILogger logger)
    {
        _context = context;
        _model = context.NativeHandle.ModelHandle;
        _logger = logger;
        _slots = Enumerable.Range(0, parallel).Select(i => new SequenceSlot((LLamaSeqId)i)).ToArray();
        _sequenceContext = (int)(context.ContextSize / (uint)parallel);
        _thread = new Thread(Run) { IsBackground = true, Name = "oprel-decode" };
        _thread.Start();
    }

    /// <summary>How many tokens one sequence may hold (prompt and answer).</summary>
    public int SequenceContext => _sequenceContext;

    public int ActiveSequences => Volatile.Read(ref _activeCount);

    public int QueuedRequests => _incoming.Count + Volatile.Read(ref _waitingCount);

    public void Enqueue(EngineSequence sequence)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        _incoming.Enqueue(sequence);
        _wake.Release();
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _wake.Release();
        _thread.Join();
        _batch.Clear();
        _wake.Dispose();
    }

    private void Run()
    {
        while (!_stopping)
        {
            try
            {
                Admit();
                if (_active.Count == 0)
                {
                    _wake.Wait(TimeSpan.FromSeconds(1));
                    continue;
                }

                Step();
            }
#pragma warning disable CA1031 // the loop must survive any failure of one step and report it to its callers
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogStepFailed(_logger, error);
                foreach (var sequence in _active)
                {
                    FailAndRelease(sequence, new LocalRpcException($"llama.cpp failed: {error.Message}") { ErrorCode = RpcErrorCodes.Backend });
                }

                _active.Clear();
            }

            Volatile.Write(ref _waitingCount, _waiting.Count);
        }

        foreach (var sequence in _active.Concat(_waiting).Concat(_incoming))
        {
            FailAndRelease(sequence, new LocalRpcException("The worker is shutting down.") { ErrorCode = RpcErrorCodes.Backend });
        }
    }

    /// <summary>Moves queued requests onto free slots, preferring the slot whose cache shares the longest prefix.</summary>
    private void Admit()
    {
        while (_incoming.TryDequeue(out var next))
        {
            _waiting.Add(next);
        }

        for (var i = 0; i < _waiting.Count; i++)
        {
            var sequence = _waiting[i];
            if (sequence.CancellationToken.IsCancellationRequested)
            {
                _waiting.RemoveAt(i--);
                sequence.Finish("cancel");
                Release(sequence);
                continue;
            }

            var slot = BestFreeSlot(sequence.PromptTokens);
            if (slot is null)
            {
                break;
            }

            _waiting.RemoveAt(i--);
            // Keep the shared prefix, but always evaluate the last prompt token: its logits give the first answer token.
            var reuse = Math.Min(slot.CommonPrefixLength(sequence.PromptTokens), sequence.PromptTokens.Count - 1);
            _context.NativeHandle.MemorySequenceRemove(slot.Id, reuse, -1);
            slot.CachedTokens.RemoveRange(reuse, slot.CachedTokens.Count - reuse);
            slot.Owner = sequence;
            sequence.Assign(slot, reuse);
            _active.Add(sequence);
            Interlocked.Increment(ref _activeCount);
        }
    }

    private SequenceSlot? BestFreeSlot(IReadOnlyList<LLamaToken> prompt)
    {
        SequenceSlot? best = null;
        var bestLength = -1;
        foreach (var slot in _slots)
        {
            if (!slot.IsFree)
            {
                continue;
            }

            var length = slot.CommonPrefixLength(prompt);
            if (length > bestLength)
            {
                best = slot;
                bestLength = length;
            }
        }

        return best;
    }

    private void Step()
    {
        _batch.Clear();
        var budget = (int)_context.BatchSize;

        // Generating sequences first: one token each keeps their latency flat while prompts are read.
        foreach (var sequence in _active)
        {
            sequence.LogitsIndex = -1;
            if (sequence.CancellationToken.IsCancellationRequested || sequence.NextToken is not { } token)
            {
                continue;
            }

            var slot = sequence.Slot!;
            if (slot.CachedTokens.Count >= _sequenceContext)
            {
                sequence.Finish("length");
                continue;
            }

            sequence.LogitsIndex = _batch.TokenCount;
            _batch.Add(token, slot.CachedTokens.Count, slot.Id, true);
            slot.CachedTokens.Add(token);
            budget--;
        }

        foreach (var sequence in _active)
        {
            if (budget <= 0 || sequence.PromptDone || sequence.Finished || sequence.CancellationToken.IsCancellationRequested)
            {
                continue;
            }

            var slot = sequence.Slot!;
            var count = Math.Min(budget, sequence.PromptTokens.Count - sequence.PromptCursor);
            for (var i = 0; i < count; i++)
            {
                var token = sequence.PromptTokens[sequence.PromptCursor + i];
                var last = sequence.PromptCursor + i == sequence.PromptTokens.Count - 1;
                if (last)
                {
                    sequence.LogitsIndex = _batch.TokenCount;
                }

                _batch.Add(token, slot.CachedTokens.Count, slot.Id, last);
                slot.CachedTokens.Add(token);
            }

            sequence.PromptCursor += count;
            budget -= count;
        }

        if (_batch.TokenCount > 0)
        {
            var result = _context.NativeHandle.Decode(_batch);
            if (result != DecodeResult.Ok)
            {
                throw new InvalidOperationException($"llama_decode returned {result} for a batch of {_batch.TokenCount} tokens.");
            }
        }

        for (var i = 0; i < _active.Count; i++)
        {
            var sequence = _active[i];
            if (sequence.CancellationToken.IsCancellationRequested)
            {
                sequence.Finish("cancel");
            }
            else if (sequence.LogitsIndex >= 0)
            {
                var token = sequence.Sampler.Sample(_context.NativeHandle, sequence.LogitsIndex);
                sequence.Accept(token, _model);
            }

            if (sequence.Finished)
            {
                _active.RemoveAt(i--);
                Release(sequence);
            }
        }
    }

    private void FailAndRelease(EngineSequence sequence, Exception error)
    {
        sequence.Fail(error);
        if (sequence.Slot is { } slot)
        {
            // What this sequence put in the cache may be incomplete: forget it.
            _context.NativeHandle.MemorySequenceRemove(slot.Id, 0, -1);
            slot.CachedTokens.Clear();
        }

        Release(sequence);
    }

    /// <summary>Frees the sequence's slot, then ends its stream: whoever reads the end finds the slot free.</summary>
    private void Release(EngineSequence sequence)
    {
        if (sequence.Slot is { } slot)
        {
            if (slot.Owner == sequence)
            {
                slot.Owner = null;
            }

            Interlocked.Decrement(ref _activeCount);
        }

        sequence.Dispose();
        sequence.Close();
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "A decode step failed; its sequences were ended")]
    private static partial void LogStepFailed(ILogger logger, Exception error);
}
