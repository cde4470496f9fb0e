using Oprel.Supervisor.Telemetry;

namespace Oprel.Supervisor.Tests.Telemetry;

public sealed class ProcessMemoryTests
{
    [Theory]
    [InlineData("   73428 kB", 73428L * 1024)]
    [InlineData("\t1 kB", 1024L)]
    [InlineData("12", 12L * 1024)]
    public void ParseKilobytes_ReadsProcStatusValues(string value, long bytes) => Assert.Equal(bytes, ProcessMemory.ParseKilobytes(value));

    [Theory]
    [InlineData("")]
    [InlineData("lots kB")]
    public void ParseKilobytes_RejectsOtherText(string value) => Assert.Null(ProcessMemory.ParseKilobytes(value));

    [Fact]
    public void ResidentBytes_OfThisProcess_IsItsWorkingSetOnLinux()
    {
        var bytes = ProcessMemory.ResidentBytes(Environment.ProcessId);
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(bytes);
            return;
        }

        Assert.InRange(bytes!.Value, 10L * 1024 * 1024, 64L * 1024 * 1024 * 1024);
        Assert.Null(ProcessMemory.ResidentBytes(int.MaxValue));
    }
}
