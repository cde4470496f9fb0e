namespace Oprel.Worker.Grammar;

/// <summary>An inclusive range of Unicode code points.</summary>
internal readonly record struct CodePointRange(int First, int Last);
