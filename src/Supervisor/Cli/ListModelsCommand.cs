using System.CommandLine;
using Oprel.Models;

namespace Oprel.Supervisor.Cli;

/// <summary>`oprel list-models`: the aliases Oprel knows, as a table.</summary>
internal static class ListModelsCommand
{
    public static Command Create()
    {
        var command = new Command(
            "list-models",
            "List the model aliases: each names a Hugging Face GGUF repository (size, context length, kind, description). `oprel run ALIAS` pulls it on first use");
        command.SetAction((_, cancellationToken) => CommandRunner.RunAsync(
            async token =>
            {
                await Console.Out.WriteAsync(ModelTables.Aliases(ModelRegistry.Aliases, includeTiny: true).AsMemory(), token);
                return CommandRunner.Success;
            },
            cancellationToken));
        return command;
    }
}
