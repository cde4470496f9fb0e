namespace Oprel.Bench;

/// <summary>Clock ticks: the machine's busy and total time, and the busy time of the benchmark's own processes.</summary>
internal readonly record struct CpuSnapshot(long BusyTicks, long TotalTicks, long OwnTicks);
