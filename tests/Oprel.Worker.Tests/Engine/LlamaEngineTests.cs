using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Oprel.Rpc;
using Oprel.Worker.Engine;
using StreamJsonRpc;

namespace Oprel.Worker.Tests.Engine;

/// <summary>The real engine (llama.cpp through LLamaSharp) on the built-in tiny model.</summary>
public sealed partial class LlamaEngineTests(TinyEngineFixture tiny) : IClassFixture<TinyEngineFixture>
{
    private static readonly SamplingOptions Greedy = new() { Temperature = 0, RepeatPenalty = 1f };

    [Fact]
    public async Task GenerateAsync_Chat_StreamsReadableWordsAndFinalStats()
    {
        var chunks = await CollectAsync(new GenerationRequest
        {
            Messages = [new ChatTurn("user", "Tell me a story about a fox.")],
            Sampling = new SamplingOptions { Temperature = 0.7f, Seed = 3, NumPredict = 60 },
        });

        var text = string.Concat(chunks.Select(c => c.Text));
        Assert.Matches(Words(), text);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        var last = chunks[^1];
        Assert.True(last.Done);
        Assert.True(last.GeneratedTokens > 0);
        Assert.True(last.PromptTokens + last.CachedPromptTokens > 5);
        Assert.True(last.EvalDurationNs > 0);
        Assert.Single(chunks, c => c.Done);
    }

    [Fact]
    public async Task GenerateAsync_NumPredict_StopsWithLength()
    {
        var chunks = await CollectAsync(new GenerationRequest { Prompt = "the fox", Sampling = Greedy with { NumPredict = 4 } });
        Assert.Equal("length", chunks[^1].DoneReason);
        Assert.Equal(4, chunks[^1].GeneratedTokens);
    }

    [Fact]
    public async Task GenerateAsync_GreedyEndsOnItsOwn_WithStop()
    {
        var chunks = await CollectAsync(new GenerationRequest { Messages = [new ChatTurn("user", "hello")], Sampling = Greedy });
        Assert.Equal("stop", chunks[^1].DoneReason);
        Assert.Contains("fox", string.Concat(chunks.Select(c => c.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_StopSequence_EndsBeforeIt()
    {
        var chunks = await CollectAsync(new GenerationRequest { Messages = [new ChatTurn("user", "hello")], Sampling = Greedy with { Stop = ["fox"] } });
        var text = string.Concat(chunks.Select(c => c.Text));
        Assert.DoesNotContain("fox", text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.Equal("stop", chunks[^1].DoneReason);
    }

    [Fact]
    public async Task GenerateAsync_SameSeed_SameText()
    {
        var request = new GenerationRequest { Prompt = "the river", Sampling = new SamplingOptions { Temperature = 0.9f, Seed = 11, NumPredict = 30 } };
        var first = string.Concat((await CollectAsync(request)).Select(c => c.Text));
        var second = string.Concat((await CollectAsync(request)).Select(c => c.Text));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GenerateAsync_NextChatTurn_ReadsOnlyTheNewTokens()
    {
        var history = new List<ChatTurn> { new("system", "You tell stories."), new("user", "Tell me about the owl.") };
        var first = await CollectAsync(new GenerationRequest { Messages = history, Sampling = Greedy with { NumPredict = 8 } });
        history.Add(new ChatTurn("assistant", string.Concat(first.Select(c => c.Text))));
        history.Add(new ChatTurn("user", "And the fox?"));

        var second = await CollectAsync(new GenerationRequest { Messages = history, Sampling = Greedy with { NumPredict = 8 } });

        var total = second[^1].PromptTokens + second[^1].CachedPromptTokens;
        Assert.True(second[^1].CachedPromptTokens >= first[^1].PromptTokens + first[^1].CachedPromptTokens - 1, $"cached {second[^1].CachedPromptTokens} of {total}");
        Assert.True(second[^1].PromptTokens < total / 2, $"evaluated {second[^1].PromptTokens} of {total}");
    }

    [Fact]
    public async Task GenerateAsync_Cancelled_StopsAndTheEngineServesTheNext()
    {
        using var cancel = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in tiny.Engine.GenerateAsync(new GenerationRequest { Prompt = "the fox", Sampling = Greedy with { NumPredict = 100_000 } }, cancel.Token))
            {
                if (++received == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        var next = await CollectAsync(new GenerationRequest { Prompt = "the owl", Sampling = Greedy with { NumPredict = 3 } });
        Assert.True(next[^1].Done);
        Assert.Equal(0, tiny.Engine.ActiveSequences);
    }

    [Fact]
    public async Task GenerateAsync_ConcurrentRequests_AllComplete()
    {
        var requests = Enumerable.Range(0, 5).Select(i => CollectAsync(new GenerationRequest
        {
            Prompt = $"the fox {i}",
            Sampling = new SamplingOptions { Temperature = 0.8f, Seed = (uint)i, NumPredict = 20 },
        }));

        var results = await Task.WhenAll(requests);
        Assert.All(results, chunks => Assert.True(chunks[^1].Done && chunks[^1].GeneratedTokens > 0));
    }

    [Fact]
    public async Task GenerateAsync_PromptLongerThanContext_FailsWithContextOverflow()
    {
        var error = await Assert.ThrowsAsync<LocalRpcException>(
            () => CollectAsync(new GenerationRequest { Prompt = string.Join(' ', Enumerable.Repeat("fox", 600)), Raw = true }));
        Assert.Equal(RpcErrorCodes.ContextOverflow, error.ErrorCode);
    }

    [Fact]
    public void Tokenize_WholeWords_AreSingleTokens() => Assert.Equal(2, tiny.Engine.Tokenize("the fox").Length);

    [Fact]
    public async Task Load_LeavesTheMappedFileOutOfTheResidentSet_AndStillGenerates()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A copy of its own: no other test's engine maps it.
        var copy = Path.Combine(tiny.Directory, "resident.gguf");
        File.Copy(tiny.ModelPath, copy, overwrite: true);
        using var engine = LlamaEngine.Load(
            new WorkerLoadRequest { ModelPath = copy, ModelName = "resident", ContextSize = 256, Threads = 2, BatchSize = 64 }, NullLogger.Instance);

        var (mapped, resident) = MappedKilobytes(copy);

        Assert.True(mapped > 0, "llama.cpp maps the model file");
        Assert.True(resident < mapped / 4, $"{resident} of {mapped} kB of the mapping stay resident after the load");
        var chunks = new List<GenerationChunk>();
        await foreach (var chunk in engine.GenerateAsync(new GenerationRequest { Prompt = "Once", Raw = true, Sampling = Greedy with { NumPredict = 8 } }, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        Assert.Equal(8, chunks[^1].GeneratedTokens);
    }

    [Fact]
    public void Load_MissingFile_FailsWithModelNotFound()
    {
        var error = Assert.Throws<LocalRpcException>(() => LlamaEngine.Load(
            new WorkerLoadRequest { ModelPath = Path.Combine(tiny.Directory, "missing.gguf"), ModelName = "missing" }, NullLogger.Instance));
        Assert.Equal(RpcErrorCodes.ModelNotFound, error.ErrorCode);
    }

    [Fact]
    public void Load_TruncatedFile_FailsWithModelLoadFailed()
    {
        var truncated = Path.Combine(tiny.Directory, "truncated.gguf");
        using (var source = File.OpenRead(tiny.ModelPath))
        using (var target = File.Create(truncated))
        {
            var buffer = new byte[source.Length / 2];
            source.ReadExactly(buffer);
            target.Write(buffer);
        }

        var error = Assert.Throws<LocalRpcException>(() => LlamaEngine.Load(
            new WorkerLoadRequest { ModelPath = truncated, ModelName = "truncated", ContextSize = 256 }, NullLogger.Instance));
        Assert.Equal(RpcErrorCodes.ModelLoadFailed, error.ErrorCode);
    }

    /// <summary>The size and the resident part, in kB, of this process's mappings of <paramref name="path"/> (/proc/self/smaps).</summary>
    private static (long Mapped, long Resident) MappedKilobytes(string path)
    {
        long mapped = 0, resident = 0;
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                inside = fields.Length >= 6 && string.Join(' ', fields[5..]) == path;
            }
            else if (inside && fields is ["Size:", var size, "kB"])
            {
                mapped += long.Parse(size, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (inside && fields is ["Rss:", var rss, "kB"])
            {
                resident += long.Parse(rss, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return (mapped, resident);
    }

    private async Task<List<GenerationChunk>> CollectAsync(GenerationRequest request)
    {
        var chunks = new List<GenerationChunk>();
        await foreach (var chunk in tiny.Engine.GenerateAsync(request, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    [GeneratedRegex(@"^[\s\w.,!?'""-]*[a-z]+ [a-z]+[\s\w.,!?'""-]*$")]
    private static partial Regex Words();
}
