namespace Oprel.Rpc;

/// <summary>Texts to embed; with <see cref="Truncate"/> a text longer than the context is cut to fit, else it is an error.</summary>
internal sealed record EmbeddingRequest(IReadOnlyList<string> Inputs, bool Truncate = true);
