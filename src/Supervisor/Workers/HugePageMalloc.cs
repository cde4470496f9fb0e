namespace Oprel.Supervisor.Workers;

/// <summary>
/// Asks glibc to back a worker's large allocations with transparent huge pages (<c>glibc.malloc.hugetlb=1</c>, glibc
/// 2.35 and later; older ones ignore it). llama.cpp clears its KV cache when it creates a context, and with 4 KiB pages
/// that is one page fault per 4 KiB: tens of thousands for a 4-sequence context, a few hundred milliseconds of a
/// worker's start. Where the kernel's THP mode is <c>madvise</c> (the usual default) nothing else asks for them.
/// </summary>
internal static class HugePageMalloc
{
    /// <summary>The environment variable glibc reads its tunables from, at a process's start.</summary>
    public const string TunablesVariable = "GLIBC_TUNABLES";

    private const string Tunable = "glibc.malloc.hugetlb";

    /// <summary>
    /// Adds the tunable to <paramref name="environment"/>'s GLIBC_TUNABLES on Linux, keeping the tunables already there;
    /// a value the user chose for it wins.
    /// </summary>
    public static void Apply(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        environment.TryGetValue(TunablesVariable, out var current);
        environment[TunablesVariable] = WithHugePages(current);
    }

    /// <summary><paramref name="tunables"/> (colon-separated <c>name=value</c> pairs) with huge pages asked for, unless it sets them already.</summary>
    public static string WithHugePages(string? tunables)
    {
        if (string.IsNullOrWhiteSpace(tunables))
        {
            return $"{Tunable}=1";
        }

        var named = tunables.Split(':').Any(pair => pair.Split('=', 2)[0].Trim() == Tunable);
        return named ? tunables : $"{tunables}:{Tunable}=1";
    }
}
