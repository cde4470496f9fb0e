using System.Text.RegularExpressions;

namespace Oprel.Worker.Tests.Grammar;

/// <summary>Reads a generated GBNF grammar back: its rules by name, and the rule names each body refers to.</summary>
internal static partial class GrammarText
{
    public static IReadOnlyDictionary<string, string> Rules(string grammar)
    {
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in grammar.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = line.IndexOf(" ::= ", StringComparison.Ordinal);
            Assert.True(separator > 0, $"Not a rule: {line}");
            rules.Add(line[..separator], line[(separator + 5)..]);
        }

        return rules;
    }

    public static string Rule(string grammar, string name)
    {
        var rules = Rules(grammar);
        Assert.True(rules.ContainsKey(name), $"No rule '{name}' in:\n{grammar}");
        return rules[name];
    }

    /// <summary>The rule names a body refers to, leaving out literals and character classes.</summary>
    public static IEnumerable<string> References(string body)
    {
        var outside = Terminals().Replace(body, " ");
        return Names().Matches(outside).Select(match => match.Value);
    }

    /// <summary>The largest count of any <c>{m,n}</c> repetition in the grammar.</summary>
    public static int LargestRepetition(string grammar)
    {
        var outside = Terminals().Replace(grammar, " ");
        return Counts().Matches(outside)
            .SelectMany(match => match.Groups.Values.Skip(1).Where(g => g.Success && g.Value.Length > 0).Select(g => int.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture)))
            .DefaultIfEmpty(0)
            .Max();
    }

    [GeneratedRegex("""
        "(?:[^"\\]|\\.)*"|\[(?:[^\]\\]|\\.)*\]
        """)]
    private static partial Regex Terminals();

    [GeneratedRegex("(?<![0-9A-Za-z-])[A-Za-z][0-9A-Za-z-]*")]
    private static partial Regex Names();

    [GeneratedRegex(@"\{(\d+)(?:,(\d*))?\}")]
    private static partial Regex Counts();
}
