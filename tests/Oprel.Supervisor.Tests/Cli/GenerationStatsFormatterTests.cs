using Oprel.OllamaApi;
using Oprel.Supervisor.Cli;

namespace Oprel.Supervisor.Tests.Cli;

public sealed class GenerationStatsFormatterTests
{
    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(850L, "850ns")]
    [InlineData(12_500L, "12.5µs")]
    [InlineData(3_250_000L, "3.25ms")]
    [InlineData(123_456_789L, "123.456789ms")]
    [InlineData(1_000_000_000L, "1s")]
    [InlineData(1_234_567_891L, "1.234567891s")]
    [InlineData(123_500_000_000L, "2m3.5s")]
    [InlineData(3_602_000_000_000L, "1h0m2s")]
    public void FormatDuration_Nanoseconds_FormatsAsGoDoes(long nanoseconds, string expected)
    {
        Assert.Equal(expected, GenerationStatsFormatter.FormatDuration(nanoseconds));
    }

    [Theory]
    [InlineData(40, 1_600_000_000L, "25.00 tokens/s")]
    [InlineData(10, 250_000_000L, "40.00 tokens/s")]
    [InlineData(7, 3_000_000_000L, "2.33 tokens/s")]
    [InlineData(5, 0L, "0.00 tokens/s")]
    public void FormatRate_CountAndDuration_IsTokensPerSecond(int tokens, long nanoseconds, string expected)
    {
        Assert.Equal(expected, GenerationStatsFormatter.FormatRate(tokens, nanoseconds));
    }

    [Fact]
    public void Format_FinalChunk_WritesOllamasVerboseLines()
    {
        var final = new OllamaChatResponse
        {
            Model = "tiny",
            CreatedAt = DateTime.UnixEpoch,
            Done = true,
            Message = new OllamaMessage { Role = "assistant", Content = "" },
            TotalDuration = 2_500_000_000,
            LoadDuration = 500_000_000,
            PromptEvalCount = 10,
            PromptEvalDuration = 250_000_000,
            EvalCount = 40,
            EvalDuration = 1_600_000_000,
        };

        Assert.Equal(
            """
            total duration:       2.5s
            load duration:        500ms
            prompt eval count:    10 token(s)
            prompt eval duration: 250ms
            prompt eval rate:     40.00 tokens/s
            eval count:           40 token(s)
            eval duration:        1.6s
            eval rate:            25.00 tokens/s

            """.ReplaceLineEndings("\n"),
            GenerationStatsFormatter.Format(final));
    }

    [Fact]
    public void Format_NoStats_WritesNothing()
    {
        var final = new OllamaChatResponse { Model = "tiny", CreatedAt = DateTime.UnixEpoch, Done = true, Message = new OllamaMessage() };

        Assert.Equal("", GenerationStatsFormatter.Format(final));
    }
}
