namespace Oprel.Worker.Templates.Parsing;

/// <summary>A token: its kind, its text (a string literal's value already unescaped) and where it starts.</summary>
internal sealed record Token(TokenKind Kind, string Text, SourceLocation Location)
{
    public bool IsName(string name) => Kind == TokenKind.Name && Text == name;

    public bool IsOperator(string text) => Kind == TokenKind.Operator && Text == text;

    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "the end of the template",
        TokenKind.BlockEnd => "the end of the tag '%}'",
        TokenKind.VariableEnd => "the end of the expression '}}'",
        TokenKind.Text => "text",
        TokenKind.String => $"the string '{Text}'",
        _ => $"'{Text}'",
    };
}
