using Microsoft.Extensions.Logging;
using Oprel.Supervisor.Telemetry;
using Oprel.Worker.Hosting;

namespace Oprel.Supervisor.Tests.Telemetry;

/// <summary>What the worker's logger writes, the supervisor reads back at the same level, one entry a line.</summary>
public sealed class WorkerLoggerLineTests
{
    [Theory]
    [InlineData(LogLevel.Trace)]
    [InlineData(LogLevel.Debug)]
    [InlineData(LogLevel.Information)]
    [InlineData(LogLevel.Warning)]
    [InlineData(LogLevel.Error)]
    [InlineData(LogLevel.Critical)]
    public void Log_WritesALineTheSupervisorReadsAtTheSameLevel(LogLevel level)
    {
        var output = new StringWriter();
        var logger = new StandardErrorLogger("Oprel.Worker", LogLevel.Trace, output);

        logger.Log(level, new EventId(7), "Loaded tiny in 5 ms", null, (state, _) => state);

        var entry = WorkerLogLine.Parse(output.ToString().TrimEnd('\n', '\r'), standardError: true);
        Assert.Equal(level, entry.Level);
        Assert.Equal("Oprel.Worker[7] Loaded tiny in 5 ms", entry.Text);
    }

    [Fact]
    public void Log_AnExceptionAndAMultiLineMessage_StayOnOneLine()
    {
        var output = new StringWriter();
        var logger = new StandardErrorLogger("Oprel.Worker", LogLevel.Information, output);
        Exception error;
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException thrown)
        {
            error = thrown;
        }

        logger.Log(LogLevel.Error, new EventId(100), "first\nsecond", error, (state, _) => state);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        var entry = WorkerLogLine.Parse(line.TrimEnd('\r'), standardError: true);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.StartsWith("Oprel.Worker[100] first second System.InvalidOperationException: boom", entry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_BelowTheMinimum_WritesNothing()
    {
        var output = new StringWriter();
        var logger = new StandardErrorLogger("Oprel.Worker", LogLevel.Warning, output);

        logger.Log(LogLevel.Information, new EventId(1), "quiet", null, (state, _) => state);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
        Assert.Equal("", output.ToString());
    }
}
