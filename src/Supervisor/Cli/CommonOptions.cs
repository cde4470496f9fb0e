using System.CommandLine;

namespace Oprel.Supervisor.Cli;

/// <summary>Options several verbs share.</summary>
internal static class CommonOptions
{
    /// <summary>--host for the client verbs: which server to talk to.</summary>
    public static Option<string?> ClientHost() => new("--host")
    {
        Description = "Host of the Oprel server [default: OPREL_SERVER_HOST, or localhost]",
        HelpName = "host",
    };

    /// <summary>--port for the client verbs: which server to talk to.</summary>
    public static Option<int?> ClientPort() => Port("Port of the Oprel server [default: OPREL_SERVER_PORT, or 11434]");

    /// <summary>A port option (1-65535) with the given description.</summary>
    public static Option<int?> Port(string description)
    {
        var option = new Option<int?>("--port") { Description = description, HelpName = "port" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } port && port is < 1 or > 65535)
            {
                result.AddError($"The port must be 1-65535, not {port}.");
            }
        });
        return option;
    }

    /// <summary>--verbose: the generation's timings after the answer.</summary>
    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "After each answer, print timings and token rates (total, load, prompt eval, eval) to stderr",
    };
}
