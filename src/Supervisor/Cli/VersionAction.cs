using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Oprel.Supervisor.Cli;

/// <summary>`oprel --version`: "oprel version 0.1.0".</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    /// <summary>The product version, without the source revision the build appends after '+'.</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(VersionAction).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString(3)
                ?? "0.0.0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine($"oprel version {Version}");
        return CommandRunner.Success;
    }
}
