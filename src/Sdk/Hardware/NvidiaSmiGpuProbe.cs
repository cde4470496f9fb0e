using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Oprel.Hardware;

/// <summary>Lists NVIDIA GPUs with `nvidia-smi` when NVML cannot be loaded directly.</summary>
internal static class NvidiaSmiGpuProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The GPUs nvidia-smi reports, or null with the reason when it is missing or fails.</summary>
    public static async Task<IReadOnlyList<GpuInfo>?> TryListAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("nvidia-smi")
        {
            ArgumentList = { "--query-gpu=index,name,memory.total,memory.free", "--format=csv,noheader,nounits" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Timeout);
            try
            {
                var output = await process.StandardOutput.ReadToEndAsync(limit.Token).ConfigureAwait(false);
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
                return process.ExitCode == 0 ? Parse(output) : null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
        }
    }

    /// <summary>Parses `index, name, total MiB, free MiB` lines; lines that do not parse are skipped.</summary>
    internal static IReadOnlyList<GpuInfo> Parse(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var gpus = new List<GpuInfo>();
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length < 4
                || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || !long.TryParse(fields[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var totalMib)
                || !long.TryParse(fields[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var freeMib))
            {
                continue;
            }

            var name = string.Join(", ", fields[1..^2]);
            gpus.Add(new GpuInfo(index, name, totalMib * 1024 * 1024, freeMib * 1024 * 1024, "nvidia-smi"));
        }

        return gpus;
    }
}
