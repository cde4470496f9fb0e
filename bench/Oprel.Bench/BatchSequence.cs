using LLama;
using LLama.Native;

namespace Oprel.Bench;

/// <summary>One of the sequences of setup (5)'s batch: its prompt, sampler and decoder, and where it stands.</summary>
internal sealed class BatchSequence(LLamaSeqId id, LLamaToken[] prompt, StreamingTokenDecoder decoder, int tokens)
{
    public LLamaSeqId Id { get; } = id;

    public LLamaToken[] Prompt { get; } = prompt;

    public StreamingTokenDecoder Decoder { get; } = decoder;

    /// <summary>The answer's length in tokens.</summary>
    public int Tokens { get; } = tokens;

    public SafeLLamaSamplerChainHandle Sampler { get; } = InProcessLlama.GreedySampler();

    public LLamaToken Next { get; set; }

    public int Position { get; set; }

    public int LogitsIndex { get; set; }

    public int Generated { get; set; }

    public int Chunks { get; set; }

    public double FirstMs { get; set; } = double.NaN;

    public double LastMs { get; set; } = double.NaN;

    /// <summary>When each piece of text came (<see cref="System.Diagnostics.Stopwatch"/> timestamps).</summary>
    public List<long> TextTimestamps { get; } = [];

    public bool Finished { get; set; }

    /// <summary>This sequence's run, as a stream of a group (<see cref="RunTiming.Group"/>).</summary>
    public RunTiming Timing() => new(Prompt.Length, Generated, FirstMs, LastMs) { TextChunks = Chunks, TextTimestamps = TextTimestamps };
}
