namespace Oprel.Hardware;

/// <summary>A probe that always reports the same hardware: for tests, benchmarks and callers that already probed.</summary>
internal sealed class FixedHardwareProbe(HardwareInfo hardware) : IHardwareProbe
{
    public Task<HardwareInfo> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(hardware);
}
