using System.Runtime.InteropServices;

namespace Oprel.Supervisor.Cli;

/// <summary>
/// Moves a server that a client command started into a session of its own (Unix), so the Ctrl+C or hang-up that the
/// terminal sends to the command's process group does not stop the server too. On Windows the server has no console
/// (CreateNoWindow), which does the same.
/// </summary>
internal static partial class SessionDetacher
{
    /// <summary>Starts a new session; returns false where that is not possible or not needed.</summary>
    public static bool Detach()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return NativeMethods.SetSid() != -1;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "setsid", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int SetSid();
    }
}
