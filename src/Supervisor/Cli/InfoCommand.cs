using System.CommandLine;
using Oprel.Hardware;
using Oprel.Store;

namespace Oprel.Supervisor.Cli;

/// <summary>`oprel info`: what the hardware probe finds, and the memory budget that follows.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Show what Oprel finds on this machine: CPU and vector extensions, memory (within cgroup limits), NVIDIA GPUs and free VRAM, and the memory budget for models");
        command.SetAction((_, cancellationToken) => CommandRunner.RunAsync(
            async token =>
            {
                var config = new Config();
                var hardware = await new HardwareProbe().ProbeAsync(token);
                var free = new ModelStore(config.CacheDir).FreeSpaceBytes();
                await Console.Out.WriteAsync(HardwareReport.Format(hardware, config, GpuOffloadSupport.IsAvailable(config), free).AsMemory(), token);
                return CommandRunner.Success;
            },
            cancellationToken));
        return command;
    }
}
