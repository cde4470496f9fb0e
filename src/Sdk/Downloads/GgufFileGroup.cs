using System.Text.RegularExpressions;
using Oprel.HuggingFace;
using Oprel.Models;

namespace Oprel.Downloads;

/// <summary>
/// One downloadable model in a repository: a GGUF file, or the complete set of its shards
/// (<c>…-00001-of-0000N.gguf</c>, in order), with the quantization its name says.
/// </summary>
/// <param name="Name">The file name without .gguf and without the shard suffix.</param>
/// <param name="Quantization">Q4_K_M, …, or null when the name says none.</param>
/// <param name="Files">The file, or the shards in order.</param>
internal sealed partial record GgufFileGroup(string Name, string? Quantization, IReadOnlyList<HuggingFaceFile> Files)
{
    public long TotalBytes => Files.Sum(f => f.Size);

    /// <summary>
    /// The GGUF models among a repository's files: for an alias, the files that follow its naming pattern (all GGUF
    /// files when none does); never vision projectors (mmproj); sharded sets only when every shard is there.
    /// </summary>
    public static IReadOnlyList<GgufFileGroup> FromFiles(IReadOnlyList<HuggingFaceFile> files, ModelAlias? alias)
    {
        ArgumentNullException.ThrowIfNull(files);
        var ggufs = files
            .Where(f => f.Path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)
                && !Path.GetFileName(f.Path).Contains("mmproj", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (alias is not null && ggufs.Any(f => alias.Matches(f.Path)))
        {
            ggufs = [.. ggufs.Where(f => alias.Matches(f.Path))];
        }

        var groups = new List<GgufFileGroup>();
        foreach (var set in ggufs.GroupBy(f => ShardKey(f.Path), StringComparer.Ordinal))
        {
            var first = set.First();
            var shard = ShardPattern().Match(first.Path);
            if (!shard.Success)
            {
                groups.AddRange(set.Select(f => Group(f.Path[..^".gguf".Length], [f])));
                continue;
            }

            var count = int.Parse(shard.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var ordered = set
                .Select(f => (File: f, Index: int.Parse(ShardPattern().Match(f.Path).Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)))
                .OrderBy(p => p.Index)
                .ToList();
            if (ordered.Count == count && ordered.Select(p => p.Index).SequenceEqual(Enumerable.Range(1, count)))
            {
                groups.Add(Group(set.Key, [.. ordered.Select(p => p.File)]));
            }
        }

        return [.. groups.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private static GgufFileGroup Group(string pathWithoutExtension, IReadOnlyList<HuggingFaceFile> files) =>
        new(pathWithoutExtension, Models.Quantization.FromFileName(pathWithoutExtension + ".gguf"), files);

    /// <summary>The shard set a file belongs to: its path without the shard suffix; a whole file is its own set.</summary>
    private static string ShardKey(string path)
    {
        var match = ShardPattern().Match(path);
        return match.Success ? match.Groups["base"].Value : path;
    }

    [GeneratedRegex(@"^(?<base>.+)-(?<index>\d{5})-of-(?<count>\d{5})\.gguf$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShardPattern();
}
