using Oprel.Supervisor.Workers;

namespace Oprel.Supervisor.Tests.Workers;

public sealed class OpenMpSpinningTests
{
    [Fact]
    public void A_one_sequence_worker_gets_the_shorter_spin_count_on_linux()
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = "/usr/bin" };

        OpenMpSpinning.Apply(environment, parallel: 1);

        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(OpenMpSpinning.WorkerSpinCount, environment["GOMP_SPINCOUNT"]);
        }
        else
        {
            Assert.False(environment.ContainsKey("GOMP_SPINCOUNT"));
        }
    }

    [Theory]
    [InlineData("GOMP_SPINCOUNT", "300000")]
    [InlineData("OMP_WAIT_POLICY", "active")]
    public void The_users_own_setting_wins(string variable, string value)
    {
        var environment = new Dictionary<string, string?> { [variable] = value };

        OpenMpSpinning.Apply(environment, parallel: 1);

        var only = Assert.Single(environment);
        Assert.Equal((variable, value), (only.Key, only.Value));
    }

    [Fact]
    public void A_worker_of_several_sequences_keeps_the_default()
    {
        var environment = new Dictionary<string, string?>();

        OpenMpSpinning.Apply(environment, parallel: 4);

        Assert.Empty(environment);
    }
}
