using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Oprel.Models;
using Oprel.Models.Tiny;
using Oprel.OllamaApi;
using Oprel.Store;
using Oprel.Supervisor.Workers;
using Oprel.Worker.Templates;

namespace Oprel.Supervisor.Catalog;

/// <summary>
/// The model-management half of Ollama's API over Oprel's store: list (/api/tags), show, copy, delete, create and
/// blobs. The built-in <c>tiny</c> is always listed; copying or creating from it adds its file to the store.
/// </summary>
internal sealed class ModelCatalog(ModelResolver resolver, WorkerPool pool, TimeProvider time)
{
    private static readonly string TinyName = $"{TinyModel.Name}:{ModelName.DefaultTag}";

    private ModelStore Store => resolver.Store;

    public async Task<OllamaTagsResponse> ListAsync(CancellationToken cancellationToken)
    {
        var tiny = await resolver.ResolveAsync(TinyModel.Name, cancellationToken);
        var models = new List<OllamaModelSummary> { Summary(TinyName, tiny.Path, File.GetLastWriteTimeUtc(tiny.Path), $"sha256:{TinyModel.Sha256}") };
        foreach (var stored in Store.List())
        {
            try
            {
                var path = Store.ModelPath(stored.Manifest);
                models.Add(Summary(stored.Name, path, stored.ModifiedAt.UtcDateTime, stored.Manifest.Files[0].Digest));
            }
            catch (OprelException)
            {
                // An incomplete model (a blob removed by hand) is not listed; running it says what is missing.
            }
        }

        return new OllamaTagsResponse(models);
    }

    public async Task<OllamaShowResponse> ShowAsync(string identifier, bool verbose, CancellationToken cancellationToken)
    {
        var model = await ResolveExistingAsync(identifier, cancellationToken);
        var facts = GgufModelFacts.Read(model.Path, verbose);
        var manifest = model.Manifest;
        var template = manifest?.Template ?? facts.ChatTemplate ?? "";
        var parameters = manifest?.Parameters;
        return new OllamaShowResponse
        {
            Modelfile = Modelfile.Render(model.Path, manifest?.System, template, parameters),
            Parameters = string.Join('\n', Modelfile.ParameterLines(parameters)),
            Template = template,
            System = manifest?.System,
            Details = facts.Details with { ParentModel = manifest?.Parent ?? "" },
            ModelInfo = facts.ModelInfo,
            Capabilities = Capabilities(facts, template),
            ModifiedAt = File.GetLastWriteTimeUtc(model.Path),
        };
    }

    public async Task CopyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        var model = await ResolveExistingAsync(source, cancellationToken);
        var files = await FilesOfAsync(model, cancellationToken);
        Store.WriteManifest((model.Manifest ?? NewManifest(destination, files)) with
        {
            Name = ModelStore.CanonicalName(destination),
            Files = files,
            CreatedAt = time.GetUtcNow(),
            LastUsedAt = null,
        });
    }

    public async Task DeleteAsync(string identifier)
    {
        var name = ModelStore.CanonicalName(identifier);
        if (name == TinyName)
        {
            throw new ValidationException("'tiny' is built in and cannot be deleted");
        }

        await pool.UnloadAsync(name);
        if (!Store.Delete(name))
        {
            throw new ModelNotFoundException($"model '{identifier.Trim()}' not found");
        }
    }

    public bool HasBlob(string digest) => Store.HasBlob(digest);

    public Task<string> AddBlobAsync(Stream content, string digest, CancellationToken cancellationToken) =>
        Store.AddBlobAsync(content, digest, cancellationToken);

    /// <summary>Creates a model from an existing one, a .gguf path, or uploaded blobs, with a system prompt, template and parameters.</summary>
    public async IAsyncEnumerable<OllamaProgressResponse> CreateAsync(OllamaCreateRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.ModelOrName is { Length: > 0 } given ? ModelStore.CanonicalName(given) : throw new ValidationException("model is required");
        var modelfile = request.Modelfile is { Length: > 0 } text ? Modelfile.Parse(text) : null;
        var from = request.From ?? modelfile?.From;
        var system = request.System ?? modelfile?.System;
        var template = request.Template ?? modelfile?.Template;
        var parameters = Merge(modelfile?.Parameters, request.Parameters);
        if (template is not null)
        {
            CheckTemplate(template);
        }

        // Everything that can be the caller's mistake is checked before the first progress line, so it gets a 4xx status.
        IReadOnlyList<ManifestFile> files;
        ModelManifest? parent = null;
        if (request.Files is { Count: > 0 } uploads)
        {
            files = uploads.Select(pair => Store.HasBlob(pair.Value)
                    ? new ManifestFile(pair.Value, new FileInfo(Store.BlobPath(pair.Value)).Length, Path.GetFileName(pair.Key))
                    : throw new ValidationException($"blob {pair.Value} for '{pair.Key}' is not on the server; upload it with POST /api/blobs/{pair.Value}"))
                .ToArray();
        }
        else if (from is { Length: > 0 })
        {
            var model = from.StartsWith("@sha256", StringComparison.Ordinal) || from.StartsWith("sha256", StringComparison.Ordinal)
                ? null
                : await ResolveExistingAsync(from, cancellationToken);
            parent = model?.Manifest;
            files = model is null ? [FileOfBlob(from.TrimStart('@'))] : await FilesOfAsync(model, cancellationToken);
        }
        else
        {
            throw new ValidationException("create needs a base model: \"from\", uploaded \"files\", or a Modelfile with FROM");
        }

        GgufModelFacts.Read(Store.BlobPath(files[0].Digest), verbose: false);
        yield return new OllamaProgressResponse { Status = "reading model metadata" };
        foreach (var file in files)
        {
            yield return new OllamaProgressResponse { Status = $"using existing layer {file.Digest}" };
        }

        yield return new OllamaProgressResponse { Status = "writing manifest" };
        Store.WriteManifest(new ModelManifest
        {
            Name = name,
            Files = files,
            Quantization = parent?.Quantization,
            Repository = parent?.Repository,
            System = system ?? parent?.System,
            Template = template ?? parent?.Template,
            Parameters = Merge(parent?.Parameters, parameters),
            Parent = from,
            CreatedAt = time.GetUtcNow(),
        });
        yield return new OllamaProgressResponse { Status = "success" };
    }

    /// <summary>Resolves a model that exists already: built in, stored, or a local file (never downloads).</summary>
    private async Task<ResolvedModel> ResolveExistingAsync(string identifier, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(identifier))
        {
            throw new ValidationException("model is required");
        }

        return await new ModelResolver(resolver.Config, Store, null).ResolveAsync(identifier, cancellationToken);
    }

    /// <summary>The store files of a model, adding a built-in model's or a local file's GGUF to the store first.</summary>
    private async Task<IReadOnlyList<ManifestFile>> FilesOfAsync(ResolvedModel model, CancellationToken cancellationToken)
    {
        if (model.Manifest is { } manifest)
        {
            return manifest.Files;
        }

        var stream = File.OpenRead(model.Path);
        await using (stream)
        {
            var digest = await Store.AddBlobAsync(stream, null, cancellationToken);
            return [new ManifestFile(digest, stream.Length, Path.GetFileName(model.Path))];
        }
    }

    private ManifestFile FileOfBlob(string digest) => Store.HasBlob(digest)
        ? new ManifestFile(digest, new FileInfo(Store.BlobPath(digest)).Length, "model.gguf")
        : throw new ValidationException($"blob {digest} is not on the server; upload it with POST /api/blobs/{digest}");

    private static ModelManifest NewManifest(string name, IReadOnlyList<ManifestFile> files) => new() { Name = name, Files = files };

    private static OllamaModelSummary Summary(string name, string path, DateTime modified, string digest) => new()
    {
        Name = name,
        Model = name,
        ModifiedAt = modified,
        Size = new FileInfo(path).Length,
        Digest = digest.Replace("sha256:", "", StringComparison.Ordinal),
        Details = GgufModelFacts.Read(path, verbose: false).Details,
    };

    private static List<string> Capabilities(GgufModelFacts facts, string template)
    {
        var embeddingOnly = facts.Details.Family is "bert" or "nomic-bert" or "jina-bert-v2";
        var capabilities = new List<string> { embeddingOnly ? "embedding" : "completion" };
        if (template.Length > 0)
        {
            try
            {
                if (ChatTemplate.Parse(template).SupportsTools)
                {
                    capabilities.Add("tools");
                }
            }
            catch (TemplateException)
            {
                // A template Oprel cannot interpret offers no tools.
            }

            if (template.Contains("enable_thinking", StringComparison.Ordinal) || template.Contains("<think>", StringComparison.Ordinal))
            {
                capabilities.Add("thinking");
            }
        }

        return capabilities;
    }

    private static void CheckTemplate(string template)
    {
        try
        {
            ChatTemplate.Parse(template);
        }
        catch (TemplateException error)
        {
            throw new ValidationException(
                $"TEMPLATE must be a Jinja chat template, as GGUF files carry in tokenizer.chat_template (Go templates are not supported): {error.Message}", error);
        }
    }

    private static JsonObject? Merge(JsonObject? under, IReadOnlyDictionary<string, JsonElement>? over) =>
        Merge(under, over is null ? null : JsonSerializer.SerializeToNode(over.ToDictionary(p => p.Key, p => p.Value), Json.OprelJsonContext.Default.DictionaryStringJsonElement) as JsonObject);

    private static JsonObject? Merge(JsonObject? under, JsonObject? over)
    {
        if (under is null && over is null)
        {
            return null;
        }

        var merged = under?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in over ?? [])
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }
}
