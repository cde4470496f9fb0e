using System.Text.RegularExpressions;

namespace Oprel.Models;

/// <summary>
/// A parsed model identifier: an alias (<c>qwencoder</c>), a Hugging Face repository (<c>owner/repo</c>,
/// <c>hf.co/owner/repo</c>), either with an optional <c>:QUANT</c> tag, a stored model's <c>name:tag</c>, or a local
/// .gguf path. Names are checked strictly, so that nothing derived from them can leave the model store.
/// </summary>
/// <param name="Kind">What it names.</param>
/// <param name="Name">The canonical store name: lower case, always with a tag (<c>qwencoder:latest</c>, <c>hf.co/owner/repo:q4_k_m</c>); the full path for a local file.</param>
/// <param name="Tag">The tag as given (<c>latest</c> when none was).</param>
/// <param name="Repository">The Hugging Face repository in its own case, for aliases and repositories.</param>
/// <param name="Alias">The alias, when it is one.</param>
internal sealed partial record ModelReference(ModelSourceKind Kind, string Name, string Tag, string? Repository, ModelAlias? Alias)
{
    private static readonly string[] HuggingFacePrefixes = ["https://huggingface.co/", "http://huggingface.co/", "huggingface.co/", "https://hf.co/", "hf.co/"];

    /// <summary>The quantization the tag asks for (Q4_K_M, …), or null for <c>latest</c> or a tag that is not a quantization.</summary>
    public string? Quantization => Models.Quantization.Normalize(Tag);

    /// <summary>True for an alias or a repository: something Oprel can download.</summary>
    public bool IsDownloadable => Kind is ModelSourceKind.Alias or ModelSourceKind.HuggingFace;

    /// <exception cref="ValidationException">The identifier is empty or not a valid model name.</exception>
    public static ModelReference Parse(string identifier)
    {
        if (string.IsNullOrWhiteSpace(identifier))
        {
            throw new ValidationException("A model name is required.");
        }

        var text = identifier.Trim();
        if (ModelName.IsLocalFile(text))
        {
            var path = Path.GetFullPath(text);
            return new ModelReference(ModelSourceKind.LocalFile, path, ModelName.DefaultTag, null, null);
        }

        if (text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\'))
        {
            throw Invalid(identifier, "it contains spaces, control characters or backslashes");
        }

        var huggingFace = false;
        foreach (var prefix in HuggingFacePrefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[prefix.Length..];
                huggingFace = true;
                break;
            }
        }

        var lastSlash = text.LastIndexOf('/');
        var colon = text.IndexOf(':', lastSlash + 1);
        var tag = colon < 0 ? ModelName.DefaultTag : text[(colon + 1)..];
        var bare = colon < 0 ? text : text[..colon];
        if (!TagPattern().IsMatch(tag))
        {
            throw Invalid(identifier, $"the tag '{tag}' may hold only letters, digits, '_', '.' and '-'");
        }

        var segments = bare.Split('/');
        if (huggingFace || segments.Length > 1)
        {
            if (segments.Length != 2 || !segments.All(IsRepositorySegment))
            {
                throw Invalid(identifier, "a Hugging Face model is written owner/repo or hf.co/owner/repo, with letters, digits, '-', '_' and '.'");
            }

            var repository = $"{segments[0]}/{segments[1]}";
            return new ModelReference(ModelSourceKind.HuggingFace, $"hf.co/{repository}:{tag}".ToLowerInvariant(), tag, repository, null);
        }

        if (!NamePattern().IsMatch(bare))
        {
            throw Invalid(identifier, "a name holds only letters, digits, '_', '.' and '-', and starts with a letter or digit");
        }

        var name = $"{bare}:{tag}".ToLowerInvariant();
        if (string.Equals(bare, Tiny.TinyModel.Name, StringComparison.OrdinalIgnoreCase))
        {
            return new ModelReference(ModelSourceKind.BuiltIn, name, tag, null, null);
        }

        return ModelRegistry.Find(bare) is { } alias
            ? new ModelReference(ModelSourceKind.Alias, name, tag, alias.Repository, alias)
            : new ModelReference(ModelSourceKind.Stored, name, tag, null, null);
    }

    private static bool IsRepositorySegment(string segment) =>
        RepositorySegmentPattern().IsMatch(segment) && !segment.Contains("..", StringComparison.Ordinal) && !segment.EndsWith('.');

    private static ValidationException Invalid(string identifier, string why) => new($"'{identifier.Trim()}' is not a valid model name: {why}.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositorySegmentPattern();
}
