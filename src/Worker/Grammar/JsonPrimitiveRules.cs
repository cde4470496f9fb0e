namespace Oprel.Worker.Grammar;

/// <summary>
/// The shared GBNF rules for JSON itself: bounded whitespace, string characters, numbers and any JSON value. Every
/// value rule ends with <see cref="Space"/>, so rules concatenate into JSON text with optional whitespace between tokens.
/// </summary>
internal static class JsonPrimitiveRules
{
    public const string Space = "space";
    public const string Character = "char";
    public const string String = "string";
    public const string Number = "number";
    public const string Integer = "integer";
    public const string Boolean = "boolean";
    public const string Null = "null";
    public const string Value = "value";
    public const string Object = "object";
    public const string Array = "array";
    public const string IntegralPart = "integral-part";
    public const string FractionPart = "fraction-part";
    public const string ExponentPart = "exponent-part";
    public const string UnicodeEscape = "unicode-escape";

    /// <summary>
    /// The most blanks after a line break. Whitespace is optional and bounded between two tokens, so a model cannot
    /// emit whitespace forever where the schema leaves room for it.
    /// </summary>
    public const int MaxIndent = 20;

    /// <summary>The most digits of an integral part; a 64-bit double holds about 16 significant digits.</summary>
    public const int MaxIntegerDigits = 16;

    private static readonly Dictionary<string, (string Body, string[] Uses)> Rules = new(StringComparer.Ordinal)
    {
        [Space] = ($"| \" \" | \"\\n\" [ \\t]{{0,{MaxIndent}}}", []),

        // One character of a JSON string: anything but a quote, a backslash or a control character, or an escape.
        // \u escapes stop short of the surrogate range, so the decoded text is always valid UTF-16.
        [Character] = ("[^\"\\\\\\x00-\\x1F\\x7F] | \"\\\\\" ( [\"\\\\/bfnrt] | \"u\" unicode-escape )", [UnicodeEscape]),
        [UnicodeEscape] = ("[0-9a-cA-CeEfF] [0-9a-fA-F]{3} | [dD] [0-7] [0-9a-fA-F]{2}", []),
        [String] = ("\"\\\"\" char* \"\\\"\" space", [Character, Space]),
        [IntegralPart] = ($"\"0\" | [1-9] [0-9]{{0,{MaxIntegerDigits - 1}}}", []),
        [FractionPart] = ($"\".\" [0-9]{{1,{MaxIntegerDigits}}}", []),
        [ExponentPart] = ("[eE] [-+]? [0-9]{1,3}", []),
        [Integer] = ("\"-\"? integral-part space", [IntegralPart, Space]),
        [Number] = ("\"-\"? integral-part fraction-part? exponent-part? space", [IntegralPart, FractionPart, ExponentPart, Space]),
        [Boolean] = ("( \"true\" | \"false\" ) space", [Space]),
        [Null] = ("\"null\" space", [Space]),
        [Value] = ("object | array | string | number | boolean | null", [Object, Array, String, Number, Boolean, Null]),
        [Object] = ("\"{\" space ( string \":\" space value ( \",\" space string \":\" space value )* )? \"}\" space", [Space, String, Value]),
        [Array] = ("\"[\" space ( value ( \",\" space value )* )? \"]\" space", [Space, Value]),
    };

    /// <summary>The names of all shared rules, which no rule derived from a schema may take.</summary>
    public static IEnumerable<string> Names => Rules.Keys;

    /// <summary>Adds the shared rule <paramref name="name"/> and the rules it uses, and returns its name.</summary>
    public static string Require(GbnfRuleSet rules, string name)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Contains(name))
        {
            return name;
        }

        var (body, uses) = Rules[name];
        rules.DefineFixed(name, body);
        foreach (var used in uses)
        {
            Require(rules, used);
        }

        return name;
    }
}
