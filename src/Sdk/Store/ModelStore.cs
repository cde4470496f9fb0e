using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Oprel.Models;

namespace Oprel.Store;

/// <summary>
/// The model store under <c>{CacheDir}/models</c>: content-addressed blobs (<c>blobs/sha256-HEX</c>) and one JSON
/// manifest per model name and tag (<c>manifests/NAME/TAG.json</c>). A blob shared by two names is stored once, so a
/// copy is a new manifest; a manifest is written (atomically) only after its blobs are complete and verified, so a
/// crash mid-download leaves no half model in <see cref="List"/>. Sharded models get a folder of links named as
/// their files were (<c>links/HEX/…-00001-of-00002.gguf</c>), since llama.cpp finds the other shards by name.
/// </summary>
internal sealed partial class ModelStore
{
    private const string ManifestExtension = ".json";
    private const string PartialSuffix = "-partial";
    private static readonly TimeSpan UsageResolution = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, int> _pins = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ModelStore(string cacheDirectory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheDirectory);
        Root = Path.GetFullPath(Path.Combine(cacheDirectory, "models"));
        _time = time ?? TimeProvider.System;
    }

    public string Root { get; }

    public string BlobsDirectory => Path.Combine(Root, "blobs");

    public string ManifestsDirectory => Path.Combine(Root, "manifests");

    public string LinksDirectory => Path.Combine(Root, "links");

    /// <summary>The canonical store name of an identifier (<c>qwencoder</c> → <c>qwencoder:latest</c>, <c>Owner/Repo:Q4_K_M</c> → <c>hf.co/owner/repo:q4_k_m</c>).</summary>
    /// <exception cref="ValidationException">It is not a model name (a path, a name that would leave the store, …).</exception>
    public static string CanonicalName(string identifier)
    {
        var reference = ModelReference.Parse(identifier);
        return reference.Kind == ModelSourceKind.LocalFile
            ? throw new ValidationException($"'{identifier.Trim()}' is a file path, not a model name.")
            : reference.Name;
    }

    /// <summary>Every complete model, by name.</summary>
    public IReadOnlyList<StoredModel> List()
    {
        if (!Directory.Exists(ManifestsDirectory))
        {
            return [];
        }

        var models = new List<StoredModel>();
        foreach (var path in Directory.EnumerateFiles(ManifestsDirectory, "*" + ManifestExtension, SearchOption.AllDirectories))
        {
            if (TryReadManifest(path) is { } manifest)
            {
                models.Add(new StoredModel(manifest, File.GetLastWriteTimeUtc(path)));
            }
        }

        return [.. models.OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    /// <summary>The manifest of <paramref name="identifier"/>, or null when the store does not have it.</summary>
    public ModelManifest? GetManifest(string identifier) => TryReadManifest(ManifestPath(CanonicalName(identifier)));

    /// <summary>Writes (or replaces) a manifest; every blob it names must be in the store.</summary>
    /// <exception cref="ValidationException">The name is invalid, a file name is unsafe, or a blob is missing.</exception>
    public void WriteManifest(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var name = CanonicalName(manifest.Name);
        if (manifest.Files.Count == 0)
        {
            throw new ValidationException($"The manifest of '{name}' names no file.");
        }

        var files = manifest.Files.Select(f => f with { Digest = BlobDigest.Normalize(f.Digest), Name = SafeFileName(f.Name) }).ToArray();
        foreach (var file in files)
        {
            if (!HasBlob(file.Digest))
            {
                throw new ValidationException($"The blob {file.Digest} of '{name}' is not in the store.");
            }
        }

        var path = ManifestPath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest with { Name = name, Files = files }, StoreJsonContext.Default.ModelManifest);
        lock (_gate)
        {
            WriteAtomically(path, bytes);
        }
    }

    /// <summary>Gives the model <paramref name="source"/> a second name; the blobs are shared, not copied.</summary>
    /// <exception cref="ModelNotFoundException">The store has no <paramref name="source"/>.</exception>
    public ModelManifest Copy(string source, string destination)
    {
        var manifest = GetManifest(source) ?? throw new ModelNotFoundException($"model '{source.Trim()}' not found");
        var copy = manifest with { Name = CanonicalName(destination), CreatedAt = _time.GetUtcNow(), LastUsedAt = null };
        WriteManifest(copy);
        return copy;
    }

    /// <summary>Removes a model's name, and every blob no other name uses; returns false when there was no such model.</summary>
    public bool Delete(string identifier)
    {
        var path = ManifestPath(CanonicalName(identifier));
        lock (_gate)
        {
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            RemoveEmptyFolders(Path.GetDirectoryName(path)!, ManifestsDirectory);
            CollectGarbage();
            return true;
        }
    }

    /// <summary>Removes every model, blob, link and partial download; returns how many models there were.</summary>
    public int Clear()
    {
        lock (_gate)
        {
            var count = List().Count;
            foreach (var directory in new[] { ManifestsDirectory, LinksDirectory, BlobsDirectory })
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }

            return count;
        }
    }

    /// <summary>The path of a complete blob (which may not exist).</summary>
    public string BlobPath(string digest) => Path.Combine(BlobsDirectory, "sha256-" + BlobDigest.Hex(digest));

    /// <summary>The path where a blob is downloaded before it is verified.</summary>
    public string PartialPath(string digest) => BlobPath(digest) + PartialSuffix;

    public bool HasBlob(string digest) => File.Exists(BlobPath(digest));

    /// <summary>
    /// Adds the bytes of <paramref name="content"/> as a blob, verifying them against <paramref name="expectedDigest"/>
    /// when given; returns the digest. A blob that is already stored is not written twice.
    /// </summary>
    /// <exception cref="ValidationException">The content does not match <paramref name="expectedDigest"/>; nothing is stored.</exception>
    public async Task<string> AddBlobAsync(Stream content, string? expectedDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var expected = expectedDigest is null ? null : BlobDigest.Normalize(expectedDigest);
        if (expected is not null && HasBlob(expected))
        {
            return expected;
        }

        Directory.CreateDirectory(BlobsDirectory);
        var temporary = Path.Combine(BlobsDirectory, $"upload-{Guid.NewGuid():N}{PartialSuffix}");
        try
        {
            string digest;
            using (var hash = BlobDigest.CreateHash())
            {
                var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    var buffer = new byte[1 << 16];
                    int read;
                    while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }

                digest = BlobDigest.FromHash(hash.GetHashAndReset());
            }

            if (expected is not null && expected != digest)
            {
                throw new ValidationException($"The content's digest is {digest}, not {expected}.");
            }

            CommitBlob(temporary, digest);
            return digest;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Moves a verified file into place as the blob <paramref name="digest"/> (a no-op when it is already there).</summary>
    public void CommitBlob(string verifiedFile, string digest)
    {
        var target = BlobPath(digest);
        try
        {
            File.Move(verifiedFile, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Stored already, by another pull of the same bytes.
        }
    }

    /// <summary>The file llama.cpp should load for <paramref name="manifest"/>: its blob, or for shards the first of their links.</summary>
    /// <exception cref="ModelNotFoundException">A blob is missing (the store was changed by hand); pull the model again.</exception>
    public string ModelPath(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        foreach (var file in manifest.Files)
        {
            if (!HasBlob(file.Digest))
            {
                throw new ModelNotFoundException($"model '{manifest.Name}' is incomplete: its file {file.Name} is missing from the store; pull it again");
            }
        }

        if (manifest.Files.Count == 1)
        {
            return BlobPath(manifest.Files[0].Digest);
        }

        var folder = Path.Combine(LinksDirectory, BlobDigest.Hex(manifest.Files[0].Digest));
        Directory.CreateDirectory(folder);
        foreach (var file in manifest.Files)
        {
            var link = Path.Combine(folder, SafeFileName(file.Name));
            if (!File.Exists(link))
            {
                CreateLink(link, BlobPath(file.Digest));
            }
        }

        return Path.Combine(folder, SafeFileName(manifest.Files[0].Name));
    }

    /// <summary>Records that a model was used now (at most once a minute, to spare the disk).</summary>
    public void MarkUsed(string identifier)
    {
        var name = CanonicalName(identifier);
        var path = ManifestPath(name);
        lock (_gate)
        {
            if (TryReadManifest(path) is not { } manifest)
            {
                return;
            }

            var now = _time.GetUtcNow();
            if (manifest.LastUsedAt is { } last && now - last < UsageResolution)
            {
                return;
            }

            WriteAtomically(path, JsonSerializer.SerializeToUtf8Bytes(manifest with { LastUsedAt = now }, StoreJsonContext.Default.ModelManifest));
        }
    }

    /// <summary>Keeps a blob from being collected while a pull that will name it in a manifest is under way.</summary>
    public IDisposable Pin(string digest)
    {
        var key = BlobDigest.Normalize(digest);
        _pins.AddOrUpdate(key, 1, (_, count) => count + 1);
        return new Unpin(_pins, key);
    }

    /// <summary>Free space on the store's disk in bytes, or null when it cannot be told.</summary>
    public long? FreeSpaceBytes()
    {
        try
        {
            Directory.CreateDirectory(Root);
            return new DriveInfo(Root).AvailableFreeSpace;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The manifest file of a canonical name; every part is checked so that the path stays in the store.</summary>
    private string ManifestPath(string canonicalName)
    {
        var lastSlash = canonicalName.LastIndexOf('/');
        var colon = canonicalName.IndexOf(':', lastSlash + 1);
        if (colon < 0)
        {
            throw new ValidationException($"'{canonicalName}' has no tag.");
        }

        var segments = canonicalName[..colon].Split('/').Append(canonicalName[(colon + 1)..]).ToArray();
        if (!segments.All(s => SegmentPattern().IsMatch(s) && !s.Contains("..", StringComparison.Ordinal)))
        {
            throw new ValidationException($"'{canonicalName}' is not a name the model store can hold.");
        }

        var root = Path.GetFullPath(ManifestsDirectory) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine([ManifestsDirectory, .. segments[..^1], segments[^1] + ManifestExtension]));
        return path.StartsWith(root, StringComparison.Ordinal)
            ? path
            : throw new ValidationException($"'{canonicalName}' is not a name the model store can hold.");
    }

    private static string SafeFileName(string name)
    {
        var fileName = Path.GetFileName(name);
        return fileName.Length > 0 && fileName == name && FileNamePattern().IsMatch(fileName) && !fileName.StartsWith('.')
            ? fileName
            : throw new ValidationException($"'{name}' is not a safe file name for the model store.");
    }

    private static ModelManifest? TryReadManifest(string path)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), StoreJsonContext.Default.ModelManifest);
            return manifest is { Files.Count: > 0 } ? manifest : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void CreateLink(string link, string target)
    {
        var relative = Path.GetRelativePath(Path.GetDirectoryName(link)!, target);
        try
        {
            File.CreateSymbolicLink(link, relative);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            if (!File.Exists(link))
            {
                // Windows without the right to make links: a copy still lets llama.cpp find the shards by name.
                File.Copy(target, link);
            }
        }
    }

    /// <summary>Deletes blobs and link folders that no manifest names and no pull has pinned. Partial downloads are left to resume.</summary>
    private void CollectGarbage()
    {
        var used = new HashSet<string>(List().SelectMany(m => m.Manifest.Files).Select(f => BlobDigest.Hex(f.Digest)), StringComparer.Ordinal);
        used.UnionWith(_pins.Keys.Select(BlobDigest.Hex));
        if (Directory.Exists(BlobsDirectory))
        {
            foreach (var blob in Directory.EnumerateFiles(BlobsDirectory, "sha256-*"))
            {
                var name = Path.GetFileName(blob);
                if (!name.EndsWith(PartialSuffix, StringComparison.Ordinal) && !used.Contains(name["sha256-".Length..]))
                {
                    File.Delete(blob);
                }
            }
        }

        if (Directory.Exists(LinksDirectory))
        {
            foreach (var folder in Directory.EnumerateDirectories(LinksDirectory))
            {
                if (!used.Contains(Path.GetFileName(folder)))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }

    private static void RemoveEmptyFolders(string folder, string stopAt)
    {
        var stop = Path.GetFullPath(stopAt).TrimEnd(Path.DirectorySeparatorChar);
        var current = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        while (current.Length > stop.Length && Directory.Exists(current) && !Directory.EnumerateFileSystemEntries(current).Any())
        {
            Directory.Delete(current);
            current = Path.GetDirectoryName(current)!;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentPattern();

    [GeneratedRegex("^[A-Za-z0-9_.+-]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
