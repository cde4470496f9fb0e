using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Oprel.Hardware;
using Oprel.HuggingFace;
using Oprel.Models;
using Oprel.Models.Tiny;
using Oprel.OllamaApi;
using Oprel.Planning;
using Oprel.Store;

namespace Oprel.Downloads;

/// <summary>
/// Pulls a model into the store: resolves the identifier to a Hugging Face repository, lists its files, picks the
/// GGUF file(s) of the asked quantization (or the best that fits the memory budget), checks free disk space,
/// downloads and verifies each file, and writes the manifest last. Progress comes as Ollama's /api/pull objects.
/// </summary>
internal sealed partial class ModelPuller(
    HuggingFaceClient client, ModelStore store, BlobDownloader downloader, IHardwareProbe probe, Config config, bool gpuOffload, ILogger? logger = null)
{
    /// <summary>Kept free on the disk beyond the download itself.</summary>
    public const long DiskMarginBytes = 64L * 1024 * 1024;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <exception cref="ValidationException">The identifier is not a model name, or its tag is not a quantization.</exception>
    /// <exception cref="ModelNotFoundException">No such alias, repository or quantization.</exception>
    /// <exception cref="MemoryLimitException">No quantization on offer fits the memory budget.</exception>
    /// <exception cref="DownloadException">The transfer failed, a checksum did not match, a token is needed, or the disk is too full.</exception>
    public async IAsyncEnumerable<OllamaProgressResponse> PullAsync(string identifier, int? maxMemoryMb, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reference = ModelReference.Parse(identifier);
        switch (reference.Kind)
        {
            case ModelSourceKind.LocalFile:
                throw new ValidationException($"'{identifier.Trim()}' is a file; run it by its path, there is nothing to pull.");
            case ModelSourceKind.BuiltIn:
                yield return Status("pulling manifest");
                await TinyModel.EnsureAsync(Path.Combine(config.CacheDir, "models", "builtin"), cancellationToken).ConfigureAwait(false);
                yield return Status("success");
                yield break;
            case ModelSourceKind.Stored:
                throw store.GetManifest(reference.Name) is null
                    ? new ModelNotFoundException($"model '{identifier.Trim()}' not found: it is not an alias (see `oprel list-models`) nor a Hugging Face repository (owner/repo)")
                    : new ValidationException($"model '{reference.Name}' was made here (copied or created), so it has no source to pull from.");
        }

        // The file list, the choice and the disk check come before the first progress object, so that their errors
        // (no such repository or quantization, nothing fits, disk full) reach an HTTP client as a status code.
        var repository = reference.Repository!;
        var files = await client.ListFilesAsync(repository, cancellationToken).ConfigureAwait(false);
        var groups = GgufFileGroup.FromFiles(files, reference.Alias);
        if (groups.Count == 0)
        {
            throw new ModelNotFoundException($"'{repository}' on Hugging Face has no GGUF model file");
        }

        var group = await ChooseAsync(reference, repository, groups, maxMemoryMb, cancellationToken).ConfigureAwait(false);
        LogChosen(_logger, reference.Name, repository, group.Name, group.Quantization ?? "unknown", group.TotalBytes);
        CheckDiskSpace(group, repository);
        yield return Status("pulling manifest");

        var pins = group.Files.Where(f => f.Sha256 is not null).Select(f => store.Pin(f.Sha256!)).ToList();
        try
        {
            var stored = new List<ManifestFile>();
            foreach (var file in group.Files)
            {
                var digest = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                var status = $"downloading {Path.GetFileName(file.Path)}";
                var shown = file.Sha256 is { } sha ? BlobDigest.Normalize(sha) : null;
                await foreach (var completed in downloader.DownloadAsync(repository, file, digest, cancellationToken).ConfigureAwait(false))
                {
                    yield return new OllamaProgressResponse { Status = status, Digest = shown, Total = file.Size, Completed = completed };
                }

                var blob = await digest.Task.ConfigureAwait(false);
                pins.Add(store.Pin(blob));
                stored.Add(new ManifestFile(blob, file.Size, Path.GetFileName(file.Path)));
            }

            yield return Status("verifying sha256 digest");
            foreach (var file in stored)
            {
                if (!store.HasBlob(file.Digest) || new FileInfo(store.BlobPath(file.Digest)).Length != file.Size)
                {
                    throw new DownloadException($"{file.Name} is missing from the store after its download; pull again.");
                }
            }

            yield return Status("writing manifest");
            store.WriteManifest(new ModelManifest
            {
                Name = reference.Name,
                Quantization = group.Quantization,
                Repository = repository,
                Alias = reference.Alias?.Name,
                Files = stored,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            yield return Status("success");
        }
        finally
        {
            foreach (var pin in pins)
            {
                pin.Dispose();
            }
        }
    }

    /// <summary>Pulls and returns the manifest, discarding progress (how the server pulls a model a request names).</summary>
    public async Task<ModelManifest> EnsureAsync(string identifier, int? maxMemoryMb, CancellationToken cancellationToken)
    {
        var name = ModelReference.Parse(identifier).Name;
        if (store.GetManifest(name) is { } existing)
        {
            return existing;
        }

        LogPulling(_logger, name);
        await foreach (var _ in PullAsync(identifier, maxMemoryMb, cancellationToken).ConfigureAwait(false))
        {
        }

        return store.GetManifest(name) ?? throw new DownloadException($"model '{name}' was pulled but its manifest cannot be read");
    }

    private async Task<GgufFileGroup> ChooseAsync(
        ModelReference reference, string repository, IReadOnlyList<GgufFileGroup> groups, int? maxMemoryMb, CancellationToken cancellationToken)
    {
        var offered = string.Join(", ", groups.Select(g => g.Quantization ?? g.Name).Distinct(StringComparer.Ordinal));
        if (reference.Quantization is { } wanted)
        {
            return groups.Where(g => g.Quantization == wanted).OrderBy(g => g.Name.Length).FirstOrDefault()
                ?? throw new ModelNotFoundException($"'{repository}' has no {wanted} GGUF file; it offers {offered}");
        }

        if (!string.Equals(reference.Tag, ModelName.DefaultTag, StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationException(
                $"'{reference.Tag}' is not a quantization; write {reference.Name.Split(':')[0]}:QUANT with one of {offered}, or no tag to choose by memory");
        }

        if (groups.Count == 1)
        {
            return groups[0];
        }

        var byQuantization = groups
            .Where(g => g.Quantization is not null)
            .GroupBy(g => g.Quantization!, StringComparer.Ordinal)
            .Select(q => q.OrderBy(g => g.Name.Length).First())
            .ToList();
        if (byQuantization.Count == 0)
        {
            return groups.OrderByDescending(g => g.TotalBytes).First();
        }

        var sample = byQuantization.OrderBy(g => g.Files[0].Size).First();
        var shape = await RemoteGgufHeader.ReadShapeAsync(client, repository, sample.Files[0], cancellationToken).ConfigureAwait(false)
            ?? ModelShape.Guess(Quantization.EstimateParameters(sample.TotalBytes, sample.Quantization));
        var hardware = await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
        var budget = MemoryBudget.From(hardware, maxMemoryMb ?? config.DefaultMaxMemoryMb, gpuOffload);
        var choice = QuantizationChooser.Choose(
            reference.Name,
            [.. byQuantization.Select(g => new QuantizationOption(g.Quantization!, g.TotalBytes))],
            shape,
            config.CtxSize,
            config.BatchSize,
            budget,
            config.NGpuLayers);
        return byQuantization.First(g => g.Quantization == choice.Quantization);
    }

    private void CheckDiskSpace(GgufFileGroup group, string repository)
    {
        long needed = 0;
        foreach (var file in group.Files)
        {
            if (file.Sha256 is { } sha)
            {
                if (store.HasBlob(sha))
                {
                    continue;
                }

                var partial = new FileInfo(store.PartialPath(sha));
                needed += file.Size - (partial.Exists ? Math.Min(partial.Length, file.Size) : 0);
            }
            else
            {
                needed += file.Size;
            }
        }

        if (needed > 0 && store.FreeSpaceBytes() is { } free && free < needed + DiskMarginBytes)
        {
            throw new DownloadException(
                $"Not enough disk space for '{repository}' ({group.Name}): {ByteSize.Format(needed)} to download, but only {ByteSize.Format(free)} free in {store.Root}.");
        }
    }

    private static OllamaProgressResponse Status(string status) => new() { Status = status };

    [LoggerMessage(EventId = 510, Level = LogLevel.Information, Message = "Pulling {Model}: {Repository} {File} ({Quantization}, {Bytes} bytes)")]
    private static partial void LogChosen(ILogger logger, string model, string repository, string file, string quantization, long bytes);

    [LoggerMessage(EventId = 511, Level = LogLevel.Information, Message = "{Model} is not in the store; pulling it")]
    private static partial void LogPulling(ILogger logger, string model);
}
