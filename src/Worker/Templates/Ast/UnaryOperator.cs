namespace Oprel.Worker.Templates.Ast;

/// <summary>The prefix operators.</summary>
internal enum UnaryOperator
{
    Not,
    Negate,
    Plus,
}
