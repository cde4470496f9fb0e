namespace Oprel.Models.Tiny;

/// <summary>The SentencePiece token types that llama.cpp reads from <c>tokenizer.ggml.token_type</c>.</summary>
internal enum TinyTokenType
{
    Normal = 1,
    Unknown = 2,
    Control = 3,
    Byte = 6,
}
