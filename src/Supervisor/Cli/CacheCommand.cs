using System.CommandLine;
using Oprel.Store;

namespace Oprel.Supervisor.Cli;

/// <summary>`oprel cache list | delete MODEL | clear`: the models stored under OPREL_CACHE_DIR.</summary>
internal static class CacheCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List the stored models: name, quantization, size and when each was last used");
        list.SetAction((_, cancellationToken) => CommandRunner.RunAsync(
            async token =>
            {
                var store = Store();
                var models = store.List();
                if (models.Count == 0)
                {
                    await Console.Out.WriteLineAsync($"No models in {store.Root}. Pull one with: oprel pull MODEL");
                    return CommandRunner.Success;
                }

                await Console.Out.WriteAsync(ModelTables.Stored(models, DateTimeOffset.UtcNow).AsMemory(), token);
                return CommandRunner.Success;
            },
            cancellationToken));

        var model = new Argument<string>("MODEL") { Description = "The stored model (name[:tag], alias or owner/repo[:QUANT])" };
        var delete = new Command("delete", "Delete a stored model; its files go too unless another name uses them") { model };
        delete.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            async _ =>
            {
                var name = parseResult.GetRequiredValue(model);
                if (!Store().Delete(name))
                {
                    throw new ModelNotFoundException($"model '{name}' is not in the store");
                }

                await Console.Out.WriteLineAsync($"deleted '{ModelStore.CanonicalName(name)}'");
                return CommandRunner.Success;
            },
            cancellationToken));

        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask first (needed when standard input is not a terminal)" };
        var clear = new Command("clear", "Delete every stored model and partial download (asks first)") { yes };
        clear.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            token => ClearAsync(parseResult.GetValue(yes), token),
            cancellationToken));

        return new Command("cache", "Manage the model store (OPREL_CACHE_DIR): list, delete, clear") { list, delete, clear };
    }

    private static async Task<int> ClearAsync(bool yes, CancellationToken cancellationToken)
    {
        var store = Store();
        var models = store.List();
        if (!yes)
        {
            if (Console.IsInputRedirected)
            {
                throw new ValidationException("`oprel cache clear` deletes every model: add --yes to confirm when not at a terminal.");
            }

            var size = ByteSize.Format(models.Sum(m => m.SizeBytes));
            await Console.Out.WriteAsync($"Delete {models.Count} model(s) ({size}) and partial downloads from {store.Root}? [y/N] ");
            var answer = await Console.In.ReadLineAsync(cancellationToken);
            if (answer?.Trim().ToUpperInvariant() is not ("Y" or "YES"))
            {
                await Console.Out.WriteLineAsync("Nothing deleted.");
                return CommandRunner.Success;
            }
        }

        var removed = store.Clear();
        await Console.Out.WriteLineAsync($"Deleted {removed} model(s) from {store.Root}.");
        return CommandRunner.Success;
    }

    private static ModelStore Store() => new(new Config().CacheDir);
}
