namespace Oprel.Worker.Templates.Parsing;

/// <summary>The kinds of token the lexer produces.</summary>
internal enum TokenKind
{
    Text,
    VariableStart,
    VariableEnd,
    BlockStart,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    EndOfInput,
}
