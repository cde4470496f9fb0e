using System.Text;
using Oprel.Hardware;
using Oprel.Planning;

namespace Oprel.Supervisor.Cli;

/// <summary>What `oprel info` prints: the system, CPU, memory, GPUs, and the memory budget models are chosen for.</summary>
internal static class HardwareReport
{
    public static string Format(HardwareInfo hardware, Config config, bool gpuOffload, long? freeDiskBytes)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(config);
        var text = new StringBuilder();
        var cpu = hardware.Cpu;
        var memory = hardware.Memory;
        Line(text, "System", hardware.OperatingSystem);
        Line(text, "CPU", $"{cpu.ModelName ?? "unknown model"}, {cpu.LogicalCores} cores{(cpu.PhysicalCores is { } physical ? $" ({physical} physical)" : "")}");
        Line(text, "Vector", $"AVX {YesNo(cpu.Avx)}, AVX2 {YesNo(cpu.Avx2)}, AVX-512 {YesNo(cpu.Avx512)}");
        Line(text, "Memory", memory.TotalBytes is { } total
            ? $"{ByteSize.Format(total)} total, {(memory.AvailableBytes is { } available ? ByteSize.Format(available) : "unknown")} available ({memory.Source})"
            : $"unknown ({memory.Source})");
        if (memory.CgroupLimitBytes is { } limit)
        {
            Line(text, "Limit", $"cgroup memory.max {ByteSize.Format(limit)}");
        }

        if (hardware.Gpus.Count == 0)
        {
            Line(text, "GPU", "none found");
        }

        foreach (var gpu in hardware.Gpus)
        {
            Line(text, $"GPU {gpu.Index}", $"{gpu.Name}, {ByteSize.Format(gpu.FreeBytes)} free of {ByteSize.Format(gpu.TotalBytes)} ({gpu.Source})");
        }

        Line(text, "Offload", gpuOffload
            ? "a GPU build of llama.cpp is in use: layers go to the GPU as free VRAM allows"
            : "the CPU build of llama.cpp is in use (set OPREL_BINARY_DIR to a GPU build to offload layers)");
        var budget = MemoryBudget.From(hardware, config.DefaultMaxMemoryMb, gpuOffload);
        Line(text, "Budget", $"{budget.Describe()}; models are chosen for {config.CtxSize} tokens of context");
        Line(text, "Models", $"{Path.Combine(config.CacheDir, "models")}{(freeDiskBytes is { } free ? $" ({ByteSize.Format(free)} free on disk)" : "")}");
        foreach (var note in hardware.Notes)
        {
            Line(text, "Note", note);
        }

        return text.ToString();
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static void Line(StringBuilder text, string label, string value) => text.Append((label + ":").PadRight(10)).Append(value).Append('\n');
}
