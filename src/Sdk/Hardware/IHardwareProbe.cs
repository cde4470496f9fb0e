namespace Oprel.Hardware;

/// <summary>Tells what the machine has; a seam so that quantization choice and memory checks can be tested on any hardware.</summary>
internal interface IHardwareProbe
{
    Task<HardwareInfo> ProbeAsync(CancellationToken cancellationToken);
}
