namespace Oprel.Worker.Grammar;

/// <summary>
/// Part of a regular expression translated to GBNF. <paramref name="IsTerm"/>: the expression is one terminal (a
/// literal or a class) that a repetition may follow directly; <paramref name="IsNullable"/>: it can match nothing.
/// <paramref name="PlainText"/>: the literal text it matches, when it is a run of characters that need no escape.
/// </summary>
internal sealed record RegexFragment(string Expression, bool IsNullable, bool IsTerm, string? PlainText = null)
{
    public static RegexFragment Empty { get; } = new("", IsNullable: true, IsTerm: false);
}
