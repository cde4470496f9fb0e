using LLama.Native;

namespace Oprel.Sdk.Tests.Models.Tiny;

/// <summary>The tokens a generation produced (without the end-of-generation token), their text, and whether it ended.</summary>
internal sealed record TinyGenerationResult(IReadOnlyList<LLamaToken> Tokens, string Text, bool EndedOnItsOwn);
