namespace Oprel.Hardware;

/// <summary>The processor as the probe found it.</summary>
/// <param name="LogicalCores">Cores this process may use (honours affinity and cgroup CPU limits).</param>
/// <param name="PhysicalCores">Distinct physical cores, when /proc/cpuinfo tells; null when unknown.</param>
/// <param name="ModelName">The CPU's model name, when known.</param>
/// <param name="Avx">AVX instructions are available.</param>
/// <param name="Avx2">AVX2 instructions are available.</param>
/// <param name="Avx512">AVX-512 (foundation) instructions are available.</param>
internal sealed record CpuInfo(int LogicalCores, int? PhysicalCores, string? ModelName, bool Avx, bool Avx2, bool Avx512);
