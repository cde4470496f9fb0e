using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Oprel.Worker.Engine;

/// <summary>
/// Takes a mapped model file's pages out of the process's resident set once llama.cpp has loaded it. llama.cpp reads
/// every tensor through the mapping while it loads, and copies most of them into buffers of its own (repacked for the
/// CPU's vector instructions); the mapping's pages would stay counted in the worker's RSS beside those copies (1.3 GB
/// instead of 0.6 GB for a 1.1B model), past a memory limit that the estimate met. Dropping the page-table entries of
/// a read-only file mapping loses nothing: the pages stay in the page cache, and those still read (token embeddings,
/// norms) come back on first use.
/// </summary>
internal static partial class MappedModelPages
{
    private const int DontNeed = 4; // MADV_DONTNEED

    /// <summary>Releases every read-only mapping of <paramref name="modelPath"/> in this process.</summary>
    public static void Release(string modelPath, ILogger logger)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var (start, end) in ReadOnlyRanges(File.ReadLines("/proc/self/maps"), ResolvePath(modelPath)))
        {
            if (Advise((nint)start, (nuint)(end - start), DontNeed) != 0)
            {
                LogAdviceFailed(logger, modelPath, Marshal.GetLastPInvokeError());
            }
        }
    }

    /// <summary>The address ranges of the <c>/proc/PID/maps</c> lines that map <paramref name="path"/> without write access.</summary>
    internal static IEnumerable<(ulong Start, ulong End)> ReadOnlyRanges(IEnumerable<string> mapsLines, string path)
    {
        foreach (var line in mapsLines)
        {
            // address perms offset dev inode pathname; the pathname may hold spaces.
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length < 6 || fields[5] != path || fields[1].Contains('w', StringComparison.Ordinal))
            {
                continue;
            }

            var bounds = fields[0].Split('-');
            if (bounds.Length == 2
                && ulong.TryParse(bounds[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                && ulong.TryParse(bounds[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
                && end > start)
            {
                yield return (start, end);
            }
        }
    }

    /// <summary>The path the kernel shows for the file: links resolved, as a full path.</summary>
    private static string ResolvePath(string path)
    {
        var full = Path.GetFullPath(path);
        return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Advise(nint address, nuint length, int advice);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Could not release the mapped pages of {Path} (errno {Error})")]
    private static partial void LogAdviceFailed(ILogger logger, string path, int error);
}
