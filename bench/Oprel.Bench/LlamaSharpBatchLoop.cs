using System.Diagnostics;
using System.Text;
using LLama;
using LLama.Native;

namespace Oprel.Bench;

/// <summary>
/// Setup (5), the reference for (4)'s four streams: LLamaSharp used directly in one process, the same four prompts as
/// (4) read and answered together, one batch per step (every prompt, then one token of every sequence), each sequence
/// with its own greedy sampler. It is what llama.cpp itself gains from batching four sequences on this machine.
/// </summary>
internal sealed class LlamaSharpBatchLoop(InProcessLlama llama, BenchSettings settings) : InProcessRunner(llama, settings, "llamasharp-batch-loop")
{
    public static IGenerationRunner Load(string modelPath, BenchSettings settings) =>
        new LlamaSharpBatchLoop(InProcessLlama.Load(modelPath, settings, BenchSettings.ConcurrentStreams), settings);

    protected override RunTiming Generate(int variant, int tokens)
    {
        Llama.Context.NativeHandle.MemoryClear(false);
        var started = Stopwatch.GetTimestamp();
        var sequences = Enumerable.Range(0, BenchSettings.ConcurrentStreams)
            .Select(i => new BatchSequence(
                (LLamaSeqId)i,
                Llama.Context.Tokenize(BenchPrompt.For(BenchPrompt.StreamVariant(variant, i), Settings.PromptTokens), addBos: true, special: true),
                new StreamingTokenDecoder(Encoding.UTF8, Llama.Weights),
                tokens))
            .ToList();
        try
        {
            ReadPrompts(sequences, started);
            while (sequences.Any(s => !s.Finished))
            {
                Batch.Clear();
                foreach (var sequence in sequences.Where(s => !s.Finished))
                {
                    sequence.LogitsIndex = Batch.TokenCount;
                    Batch.Add(sequence.Next, sequence.Position++, sequence.Id, true);
                }

                Llama.Decode(Batch);
                foreach (var sequence in sequences.Where(s => !s.Finished))
                {
                    Accept(sequence, sequence.Sampler.Sample(Llama.Context.NativeHandle, sequence.LogitsIndex), started);
                }
            }

            return RunTiming.Group(sequences.Select(s => s.Timing()).ToList());
        }
        finally
        {
            foreach (var sequence in sequences)
            {
                sequence.Sampler.Dispose();
            }
        }
    }

    /// <summary>Reads every prompt, in as few batches of at most the batch size as they fit, and takes each sequence's first token.</summary>
    private void ReadPrompts(List<BatchSequence> sequences, long started)
    {
        var pending = sequences.SelectMany(s => s.Prompt.Select((token, i) => (Sequence: s, Token: token, Position: i))).ToList();
        for (var offset = 0; offset < pending.Count; offset += Settings.BatchSize)
        {
            Batch.Clear();
            var ending = new List<BatchSequence>();
            foreach (var (sequence, token, position) in pending.Skip(offset).Take(Settings.BatchSize))
            {
                var last = position == sequence.Prompt.Length - 1;
                if (last)
                {
                    sequence.LogitsIndex = Batch.TokenCount;
                    ending.Add(sequence);
                }

                Batch.Add(token, position, sequence.Id, last);
            }

            Llama.Decode(Batch);
            foreach (var sequence in ending)
            {
                sequence.Position = sequence.Prompt.Length;
                Accept(sequence, sequence.Sampler.Sample(Llama.Context.NativeHandle, sequence.LogitsIndex), started);
            }
        }
    }

    private void Accept(BatchSequence sequence, LLamaToken token, long started)
    {
        if (token.IsEndOfGeneration(Llama.Weights.Vocab))
        {
            sequence.Finished = true;
            return;
        }

        sequence.Generated++;
        sequence.Decoder.Add(token);
        if (sequence.Decoder.Read().Length > 0)
        {
            var now = Stopwatch.GetTimestamp();
            sequence.TextTimestamps.Add(now);
            sequence.LastMs = Stopwatch.GetElapsedTime(started, now).TotalMilliseconds;
            if (sequence.Chunks++ == 0)
            {
                sequence.FirstMs = sequence.LastMs;
            }
        }

        sequence.Next = token;
        sequence.Finished = sequence.Generated >= sequence.Tokens;
    }
}
