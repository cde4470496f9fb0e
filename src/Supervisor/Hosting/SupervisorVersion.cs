using System.Reflection;

namespace Oprel.Supervisor.Hosting;

/// <summary>The version /api/version reports.</summary>
internal static class SupervisorVersion
{
    public static string Current { get; } =
        typeof(SupervisorVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
