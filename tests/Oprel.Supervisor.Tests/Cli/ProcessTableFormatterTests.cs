using Oprel.OllamaApi;
using Oprel.Supervisor.Cli;

namespace Oprel.Supervisor.Tests.Cli;

public sealed class ProcessTableFormatterTests
{
    private static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Format_Models_AlignsColumnsUnderTheHeader()
    {
        OllamaRunningModel[] models =
        [
            new() { Name = "tiny", Model = "tiny", Pid = 4242, Size = 1_500_000, Processor = "100% CPU", ExpiresAt = Now.AddMinutes(4.5) },
            new() { Name = "qwen2.5:0.5b", Model = "qwen2.5:0.5b", Pid = 7, Size = 637_000_000, SizeVram = 637_000_000, ExpiresAt = Now.AddSeconds(-1) },
        ];

        var table = ProcessTableFormatter.Format(models, Now);

        Assert.Equal(
            """
            NAME            PID     SIZE      PROCESSOR    UNTIL
            tiny            4242    1.5 MB    100% CPU     4 minutes from now
            qwen2.5:0.5b    7       637 MB    100% GPU     Stopping...

            """.ReplaceLineEndings("\n"),
            table);
    }

    [Fact]
    public void Format_NoModels_WritesTheHeaderOnly()
    {
        Assert.Equal("NAME    PID    SIZE    PROCESSOR    UNTIL\n", ProcessTableFormatter.Format([], Now));
    }

    [Theory]
    [InlineData(812L, "812 B")]
    [InlineData(1_000L, "1 KB")]
    [InlineData(1_500L, "1.5 KB")]
    [InlineData(15_300_000L, "15 MB")]
    [InlineData(4_700_000_000L, "4.7 GB")]
    [InlineData(2_000_000_000_000L, "2 TB")]
    public void FormatBytes_Size_UsesDecimalUnits(long bytes, string expected)
    {
        Assert.Equal(expected, ProcessTableFormatter.FormatBytes(bytes));
    }

    [Theory]
    [InlineData(1000L, 0L, "100% CPU")]
    [InlineData(1000L, 1000L, "100% GPU")]
    [InlineData(1000L, 520L, "48%/52% CPU/GPU")]
    public void FormatProcessor_SizeAndVram_SaysWhereTheWeightsAre(long size, long vram, string expected)
    {
        Assert.Equal(expected, ProcessTableFormatter.FormatProcessor(size, vram));
    }

    [Theory]
    [InlineData(0.5, "Less than a second from now")]
    [InlineData(30.0, "30 seconds from now")]
    [InlineData(70.0, "About a minute from now")]
    [InlineData(299.0, "4 minutes from now")]
    [InlineData(3600.0, "About an hour from now")]
    [InlineData(-5.0, "Stopping...")]
    public void FormatUntil_Expiry_IsRelativeToNow(double seconds, string expected)
    {
        Assert.Equal(expected, ProcessTableFormatter.FormatUntil(Now.AddSeconds(seconds), Now));
    }

    [Fact]
    public void FormatUntil_FarFuture_IsForever()
    {
        Assert.Equal("Forever", ProcessTableFormatter.FormatUntil(DateTime.MaxValue, Now));
    }
}
