namespace Oprel.Models;

/// <summary>Ollama's <c>name:tag</c> naming: a name without a tag means <c>:latest</c>.</summary>
internal static class ModelName
{
    public const string DefaultTag = "latest";

    /// <summary>Adds <c>:latest</c> to a bare name and lower-cases it; paths to .gguf files are left as they are.</summary>
    public static string Normalize(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var trimmed = identifier.Trim();
        if (IsLocalFile(trimmed))
        {
            return trimmed;
        }

        var lastSlash = trimmed.LastIndexOf('/');
        var colon = trimmed.IndexOf(':', lastSlash + 1);
        var normalized = colon < 0 ? $"{trimmed}:{DefaultTag}" : trimmed;
        return normalized.ToLowerInvariant();
    }

    /// <summary>The name without its tag.</summary>
    public static string BaseName(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var lastSlash = normalized.LastIndexOf('/');
        var colon = normalized.IndexOf(':', lastSlash + 1);
        return colon < 0 ? normalized : normalized[..colon];
    }

    /// <summary>True for an identifier that names a GGUF file on disk rather than a model.</summary>
    public static bool IsLocalFile(string identifier) =>
        identifier.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase);
}
