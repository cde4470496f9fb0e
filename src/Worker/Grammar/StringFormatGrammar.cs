namespace Oprel.Worker.Grammar;

/// <summary>
/// GBNF for the string formats a model can be held to: <c>date</c>, <c>time</c>, <c>date-time</c> (RFC 3339), <c>uuid</c>,
/// <c>ipv4</c> and a plain <c>email</c> (dot-atom local part, host name of letters, digits and hyphens). Other formats are
/// annotations only in JSON Schema 2020-12 and are left to the string rule.
/// </summary>
internal static class StringFormatGrammar
{
    private const string Hex = "[0-9a-fA-F]";

    private static readonly Dictionary<string, (string Rule, string Body, string[] Uses)> Formats = new(StringComparer.Ordinal)
    {
        // Years 0001 to 9999 and days that exist in every year of their month (February stops at the 28th), so that
        // common date libraries read every value back.
        ["date"] = ("format-date",
            "( [1-9] [0-9]{3} | \"0\" [1-9] [0-9]{2} | \"00\" [1-9] [0-9] | \"000\" [1-9] ) \"-\" ( ( \"0\" [13578] | \"1\" [02] ) \"-\" ( \"0\" [1-9] | [12] [0-9] | \"3\" [01] )"
            + " | ( \"0\" [469] | \"11\" ) \"-\" ( \"0\" [1-9] | [12] [0-9] | \"30\" )"
            + " | \"02-\" ( \"0\" [1-9] | \"1\" [0-9] | \"2\" [0-8] ) )",
            []),
        // UTC offsets as real time zones have them: up to 14 hours, in quarter hours.
        ["time"] = ("format-time",
            "( [01] [0-9] | \"2\" [0-3] ) \":\" [0-5] [0-9] \":\" [0-5] [0-9] ( \".\" [0-9]{1,6} )?"
            + " ( \"Z\" | [+-] ( ( \"0\" [0-9] | \"1\" [0-3] ) \":\" ( \"00\" | \"15\" | \"30\" | \"45\" ) | \"14:00\" ) )",
            []),
        ["date-time"] = ("format-date-time", "format-date \"T\" format-time", ["date", "time"]),
        ["uuid"] = ("format-uuid", $"{Hex}{{8}} \"-\" {Hex}{{4}} \"-\" {Hex}{{4}} \"-\" {Hex}{{4}} \"-\" {Hex}{{12}}", []),
        ["ipv4"] = ("format-ipv4", "format-ipv4-octet ( \".\" format-ipv4-octet ){3}", ["ipv4-octet"]),
        ["ipv4-octet"] = ("format-ipv4-octet", "\"25\" [0-5] | \"2\" [0-4] [0-9] | \"1\" [0-9] [0-9] | [1-9] [0-9] | [0-9]", []),
        ["email"] = ("format-email", "format-email-atom ( \".\" format-email-atom ){0,3} \"@\" ( format-email-label \".\" ){1,4} [a-zA-Z]{2,12}", ["email-atom", "email-label"]),
        ["email-atom"] = ("format-email-atom", "[a-zA-Z0-9_%+-]{1,15}", []),
        ["email-label"] = ("format-email-label", "[a-zA-Z0-9] ( [a-zA-Z0-9-]{0,30} [a-zA-Z0-9] )?", []),
    };

    private static readonly HashSet<string> Public = new(StringComparer.Ordinal) { "date", "time", "date-time", "uuid", "ipv4", "email" };

    /// <summary>The rule names the formats use, which no other rule may take.</summary>
    public static IEnumerable<string> RuleNames => Formats.Values.Select(format => format.Rule);

    /// <summary>
    /// Adds the rule for the string body (without quotes) of <paramref name="format"/> and returns its name, or returns
    /// <see langword="null"/> for a format this grammar does not enforce.
    /// </summary>
    public static string? Require(GbnfRuleSet rules, string format)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Public.Contains(format) ? Add(rules, format) : null;
    }

    private static string Add(GbnfRuleSet rules, string key)
    {
        var (rule, body, uses) = Formats[key];
        if (!rules.Contains(rule))
        {
            rules.DefineFixed(rule, body);
            foreach (var used in uses)
            {
                Add(rules, used);
            }
        }

        return rule;
    }
}
