using System.Globalization;
using Oprel.HuggingFace;
using Oprel.Models;
using Oprel.Store;

namespace Oprel.Supervisor.Cli;

/// <summary>The tables of `oprel list-models`, `oprel search` and `oprel cache list`.</summary>
internal static class ModelTables
{
    /// <summary>Aliases: name, size, context, kind, repository, description; <c>tiny</c> (built in) first when asked.</summary>
    public static string Aliases(IReadOnlyList<ModelAlias> aliases, bool includeTiny)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        var rows = new List<IReadOnlyList<string>>();
        if (includeTiny)
        {
            rows.Add(["tiny", "<1M", Context(Oprel.Models.Tiny.TinyHyperparameters.ContextLength), "chat", "(built in, no download)", "A tiny word bigram model Oprel writes itself: works offline"]);
        }

        rows.AddRange(aliases.Select(a => (IReadOnlyList<string>)[a.Name, a.Parameters, Context(a.ContextLength), a.Kind, a.Repository, a.Description]));
        return TextTable.Format(["NAME", "PARAMS", "CONTEXT", "KIND", "REPOSITORY", "DESCRIPTION"], rows);
    }

    /// <summary>Hugging Face search results: repository, downloads, likes, and how to pull it.</summary>
    public static string SearchResults(IReadOnlyList<HuggingFaceModelInfo> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        return TextTable.Format(
            ["REPOSITORY", "DOWNLOADS", "LIKES", "PULL WITH"],
            models.Select(m => (IReadOnlyList<string>)[m.Id!, Count(m.Downloads), Count(m.Likes), $"oprel pull hf.co/{m.Id}"]));
    }

    /// <summary>Stored models: name, quantization, size, last used.</summary>
    public static string Stored(IReadOnlyList<StoredModel> models, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(models);
        return TextTable.Format(
            ["NAME", "QUANT", "SIZE", "LAST USED"],
            models.Select(m => (IReadOnlyList<string>)[m.Name, m.Manifest.Quantization ?? "-", ByteSize.Format(m.SizeBytes), Ago(m.Manifest.LastUsedAt, now)]));
    }

    /// <summary>"never", "just now", "5 minutes ago", "3 hours ago", "2 days ago".</summary>
    public static string Ago(DateTimeOffset? when, DateTimeOffset now)
    {
        if (when is not { } at)
        {
            return "never";
        }

        var elapsed = now - at;
        return elapsed switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalHours: < 1 } => Plural((int)elapsed.TotalMinutes, "minute"),
            { TotalDays: < 1 } => Plural((int)elapsed.TotalHours, "hour"),
            _ => Plural((int)elapsed.TotalDays, "day"),
        };
    }

    private static string Plural(int count, string unit) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {unit}{(count == 1 ? "" : "s")} ago";

    private static string Context(int tokens) => tokens >= 1024 && tokens % 1024 == 0
        ? $"{(tokens / 1024).ToString(CultureInfo.InvariantCulture)}K"
        : tokens.ToString(CultureInfo.InvariantCulture);

    private static string Count(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";
}
