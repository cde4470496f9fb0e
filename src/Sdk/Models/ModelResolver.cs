using System.Collections.Concurrent;
using Oprel.Downloads;
using Oprel.Gguf;
using Oprel.Models.Tiny;
using Oprel.Store;

namespace Oprel.Models;

/// <summary>
/// Finds the GGUF file for a model identifier: the built-in <c>tiny</c> (written on first use, no network), a local
/// .gguf path, or a model in the store (by alias, Hugging Face repository or stored name, with an optional tag).
/// With a <see cref="ModelPuller"/>, an alias or repository the store lacks is pulled first, as `ollama run` does.
/// </summary>
internal sealed class ModelResolver(Config config, ModelStore store, ModelPuller? puller)
{
    /// <summary>Local files whose header was read and found good, by path, length and write time.</summary>
    private readonly ConcurrentDictionary<(string Path, long Length, DateTime Modified), bool> _checkedFiles = new();

    /// <summary>A resolver of built-in models, local files and the store under <see cref="Config.CacheDir"/>, that never downloads.</summary>
    public ModelResolver(Config config)
        : this(config, new ModelStore(config.CacheDir), null)
    {
    }

    /// <summary>Where built-in models are written.</summary>
    public string BuiltInDirectory => Path.Combine(config.CacheDir, "models", "builtin");

    public ModelStore Store => store;

    public Config Config => config;

    /// <exception cref="ValidationException">The identifier is empty, not a valid name, or names a file that is not a GGUF model.</exception>
    /// <exception cref="ModelNotFoundException">Nothing by that name exists (or can be pulled).</exception>
    /// <exception cref="DownloadException">Pulling it failed.</exception>
    /// <exception cref="MemoryLimitException">Pulling it found no quantization that fits.</exception>
    public Task<ResolvedModel> ResolveAsync(string identifier, CancellationToken cancellationToken) =>
        ResolveAsync(identifier, null, cancellationToken);

    /// <summary>Resolves <paramref name="identifier"/>; a model pulled on the way is chosen to fit <paramref name="maxMemoryMb"/> (else default_max_memory_mb).</summary>
    /// <exception cref="ValidationException">The identifier is empty, not a valid name, or names a file that is not a GGUF model.</exception>
    /// <exception cref="ModelNotFoundException">Nothing by that name exists (or can be pulled).</exception>
    /// <exception cref="DownloadException">Pulling it failed.</exception>
    /// <exception cref="MemoryLimitException">Pulling it found no quantization that fits.</exception>
    public async Task<ResolvedModel> ResolveAsync(string identifier, int? maxMemoryMb, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(identifier))
        {
            throw new ValidationException("A model name is required.");
        }

        if (ModelName.IsLocalFile(identifier))
        {
            return ResolveLocalFile(identifier);
        }

        var reference = ModelReference.Parse(identifier);
        if (reference.Kind == ModelSourceKind.BuiltIn && reference.Tag == ModelName.DefaultTag)
        {
            var path = await TinyModel.EnsureAsync(BuiltInDirectory, cancellationToken).ConfigureAwait(false);
            return new ResolvedModel(reference.Name, path, new FileInfo(path).Length);
        }

        var manifest = store.GetManifest(reference.Name);
        if (manifest is null && reference.IsDownloadable)
        {
            manifest = puller is null
                ? throw new ModelNotFoundException($"model '{identifier.Trim()}' not found; pull it first: oprel pull {identifier.Trim()}")
                : await puller.EnsureAsync(identifier, maxMemoryMb ?? config.DefaultMaxMemoryMb, cancellationToken).ConfigureAwait(false);
        }

        if (manifest is null)
        {
            throw new ModelNotFoundException($"model '{identifier.Trim()}' not found");
        }

        var modelPath = store.ModelPath(manifest);
        store.MarkUsed(manifest.Name);
        return new ResolvedModel(manifest.Name, modelPath, manifest.SizeBytes) { Manifest = manifest };
    }

    private ResolvedModel ResolveLocalFile(string identifier)
    {
        var path = Path.GetFullPath(identifier.Trim());
        if (!File.Exists(path))
        {
            throw new ModelNotFoundException($"model '{identifier.Trim()}' not found: no such file");
        }

        // Reading the header here turns a truncated or foreign file into a clear error before a worker starts. It is
        // read once per version of the file, not on every request (a large vocabulary takes milliseconds to read).
        var file = new FileInfo(path);
        var key = (path, file.Length, file.LastWriteTimeUtc);
        if (!_checkedFiles.ContainsKey(key))
        {
            try
            {
                GgufReader.Read(path);
            }
            catch (GgufFormatException error)
            {
                throw new ValidationException($"'{path}' is not a usable GGUF model: {error.Message}", error);
            }

            _checkedFiles[key] = true;
        }

        return new ResolvedModel(path, path, file.Length);
    }
}
