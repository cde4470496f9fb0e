namespace Oprel.Worker.Templates.Runtime;

/// <summary>How a run of statements ended: normally, or at a <c>{% break %}</c> or <c>{% continue %}</c>.</summary>
internal enum LoopFlow
{
    Normal,
    Break,
    Continue,
}
