using System.CommandLine;
using Oprel.HuggingFace;
using Oprel.Models;

namespace Oprel.Supervisor.Cli;

/// <summary>`oprel search QUERY`: the aliases that match, then Hugging Face's GGUF repositories that match.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string[]>("QUERY") { Description = "Words to look for (in alias names, repositories and descriptions)", Arity = ArgumentArity.OneOrMore };
        var limit = new Option<int>("--limit") { Description = "Most Hugging Face results to show", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100)
            {
                result.AddError("--limit must be 1-100.");
            }
        });
        var command = new Command("search", "Search the aliases and Hugging Face's GGUF models (OPREL_HF_ENDPOINT, HF_TOKEN apply)") { query, limit };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            token => SearchAsync(string.Join(' ', parseResult.GetValue(query) ?? []), parseResult.GetValue(limit), token),
            cancellationToken));
        return command;
    }

    private static async Task<int> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var aliases = ModelRegistry.Search(query);
        if (aliases.Count > 0)
        {
            await Console.Out.WriteLineAsync("Aliases:");
            await Console.Out.WriteAsync(ModelTables.Aliases(aliases, includeTiny: false));
            await Console.Out.WriteLineAsync();
        }

        using var client = new HuggingFaceClient(HuggingFaceOptions.FromEnvironment());
        IReadOnlyList<HuggingFaceModelInfo> found;
        try
        {
            found = await client.SearchAsync(query, limit, cancellationToken);
        }
        catch (DownloadException error) when (aliases.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Hugging Face could not be searched: {error.Message}");
            return CommandRunner.Success;
        }

        if (found.Count == 0)
        {
            await Console.Out.WriteLineAsync(aliases.Count == 0 ? $"Nothing matches '{query}'." : $"Hugging Face has no GGUF model matching '{query}'.");
            return aliases.Count == 0 ? CommandRunner.Failure : CommandRunner.Success;
        }

        await Console.Out.WriteLineAsync($"Hugging Face (GGUF, {client.Options.Endpoint.Host}):");
        await Console.Out.WriteAsync(ModelTables.SearchResults(found));
        return CommandRunner.Success;
    }
}
