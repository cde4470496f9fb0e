namespace Oprel.Models.Tiny;

/// <summary>A next token and how many times it follows a context in the corpus.</summary>
internal sealed record TinyTransition(int TokenId, int Count);
