using Oprel.Supervisor.Workers;

namespace Oprel.Supervisor.Tests.Workers;

public sealed class HugePageMallocTests
{
    [Theory]
    [InlineData(null, "glibc.malloc.hugetlb=1")]
    [InlineData("", "glibc.malloc.hugetlb=1")]
    [InlineData("glibc.malloc.arena_max=2", "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1")]
    [InlineData("glibc.malloc.hugetlb=0", "glibc.malloc.hugetlb=0")]
    [InlineData("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2", "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2")]
    [InlineData("glibc.malloc.hugetlbx=1", "glibc.malloc.hugetlbx=1:glibc.malloc.hugetlb=1")]
    public void Asks_for_huge_pages_unless_the_user_chose(string? tunables, string expected)
    {
        Assert.Equal(expected, HugePageMalloc.WithHugePages(tunables));
    }

    [Fact]
    public void Apply_sets_the_worker_environment_on_linux_only()
    {
        var environment = new Dictionary<string, string?> { ["GLIBC_TUNABLES"] = "glibc.pthread.rseq=0" };

        HugePageMalloc.Apply(environment);

        var expected = OperatingSystem.IsLinux() ? "glibc.pthread.rseq=0:glibc.malloc.hugetlb=1" : "glibc.pthread.rseq=0";
        Assert.Equal(expected, environment["GLIBC_TUNABLES"]);
    }
}
