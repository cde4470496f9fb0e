using Oprel.Gguf;
using Oprel.Models.Tiny;

namespace Oprel.Models;

/// <summary>
/// Finds the GGUF file for a model identifier: the built-in <c>tiny</c> (written on first use, no network), or a
/// local .gguf path.
/// </summary>
internal sealed class ModelResolver(Config config)
{
    /// <summary>Where built-in models are written.</summary>
    public string BuiltInDirectory => Path.Combine(config.CacheDir, "models", "builtin");

    /// <exception cref="ValidationException">The identifier is empty, or names a file that is not a GGUF model.</exception>
    /// <exception cref="ModelNotFoundException">Nothing by that name exists.</exception>
    public async Task<ResolvedModel> ResolveAsync(string identifier, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(identifier))
        {
            throw new ValidationException("A model name is required.");
        }

        if (ModelName.IsLocalFile(identifier))
        {
            return ResolveLocalFile(identifier);
        }

        var name = ModelName.Normalize(identifier);
        if (name == $"{TinyModel.Name}:{ModelName.DefaultTag}")
        {
            var path = await TinyModel.EnsureAsync(BuiltInDirectory, cancellationToken).ConfigureAwait(false);
            return new ResolvedModel(name, path, new FileInfo(path).Length);
        }

        throw new ModelNotFoundException($"model '{identifier.Trim()}' not found");
    }

    private static ResolvedModel ResolveLocalFile(string identifier)
    {
        var path = Path.GetFullPath(identifier.Trim());
        if (!File.Exists(path))
        {
            throw new ModelNotFoundException($"model '{identifier.Trim()}' not found: no such file");
        }

        try
        {
            // Reading the header here turns a truncated or foreign file into a clear error before a worker starts.
            GgufReader.Read(path);
        }
        catch (GgufFormatException error)
        {
            throw new ValidationException($"'{path}' is not a usable GGUF model: {error.Message}", error);
        }

        return new ResolvedModel(path, path, new FileInfo(path).Length);
    }
}
