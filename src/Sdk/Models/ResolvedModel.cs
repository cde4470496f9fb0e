namespace Oprel.Models;

/// <summary>A model identifier turned into the GGUF file to load.</summary>
/// <param name="Name">The canonical name (<c>tiny:latest</c>, or the file's path for a local file).</param>
/// <param name="Path">Full path of the GGUF file.</param>
/// <param name="SizeBytes">Size of the file.</param>
internal sealed record ResolvedModel(string Name, string Path, long SizeBytes)
{
    /// <summary>The stored model's manifest (null for built-in models and local files).</summary>
    public Store.ModelManifest? Manifest { get; init; }
}
