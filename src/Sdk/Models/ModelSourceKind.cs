namespace Oprel.Models;

/// <summary>What a model identifier names.</summary>
internal enum ModelSourceKind
{
    /// <summary>A model Oprel writes itself (<c>tiny</c>).</summary>
    BuiltIn,

    /// <summary>A .gguf file on disk.</summary>
    LocalFile,

    /// <summary>An alias from <see cref="ModelRegistry"/>.</summary>
    Alias,

    /// <summary>A Hugging Face repository (<c>owner/repo</c> or <c>hf.co/owner/repo</c>).</summary>
    HuggingFace,

    /// <summary>Any other name: only the model store can have it (a copy, a created model).</summary>
    Stored,
}
