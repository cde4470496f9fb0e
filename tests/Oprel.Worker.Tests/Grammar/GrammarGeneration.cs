namespace Oprel.Worker.Tests.Grammar;

/// <summary>What a constrained generation produced: the text, its token count, and whether the grammar ended it.</summary>
internal sealed record GrammarGeneration(string Text, int Tokens, bool EndedByGrammar);
