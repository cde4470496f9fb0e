using Microsoft.Extensions.Logging;
using Oprel.Supervisor.Telemetry;

namespace Oprel.Supervisor.Tests.Telemetry;

public sealed class WorkerLogLineTests
{
    [Theory]
    [InlineData("trce: Oprel.Worker[5] prompt text", LogLevel.Trace)]
    [InlineData("dbug: Oprel.Worker[12] llama.cpp: loaded meta data", LogLevel.Debug)]
    [InlineData("info: Oprel.Worker[1] Loaded tiny:latest in 72 ms", LogLevel.Information)]
    [InlineData("warn: Oprel.Worker[11] llama.cpp: something odd", LogLevel.Warning)]
    [InlineData("fail: Oprel.Worker[100] A decode step failed", LogLevel.Error)]
    [InlineData("crit: Oprel.Worker[9] gone", LogLevel.Critical)]
    public void Parse_TakesTheLevelOfTheSimpleConsoleFormat(string line, LogLevel level)
    {
        var entry = WorkerLogLine.Parse(line, standardError: false);
        Assert.Equal(level, entry.Level);
        Assert.Equal(line[6..], entry.Text);
    }

    [Theory]
    [InlineData("Unhandled exception. System.InvalidOperationException: boom", true, LogLevel.Warning)]
    [InlineData("GGML_ASSERT(n > 0) failed", true, LogLevel.Warning)]
    [InlineData("some native printf", false, LogLevel.Debug)]
    [InlineData("info:no space", false, LogLevel.Debug)]
    [InlineData("note: Oprel.Worker[1] not a level", false, LogLevel.Debug)]
    [InlineData("info: ", false, LogLevel.Debug)]
    public void Parse_OtherLines_WarnFromStderrAndDebugFromStdout(string line, bool standardError, LogLevel level)
    {
        var entry = WorkerLogLine.Parse(line, standardError);
        Assert.Equal(level, entry.Level);
        Assert.Equal(line, entry.Text);
    }
}
