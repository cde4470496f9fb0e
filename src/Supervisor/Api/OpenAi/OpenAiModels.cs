using Oprel.Models;
using Oprel.Models.Tiny;
using Oprel.OpenAiApi;
using Oprel.Supervisor.Workers;

namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>The models /v1/models lists: the built-in tiny and every model loaded in a worker.</summary>
internal static class OpenAiModels
{
    private const string OwnedBy = "library";

    public static IReadOnlyList<OpenAiModel> List(WorkerPool pool, ModelResolver resolver, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(resolver);
        var models = new List<OpenAiModel> { Tiny(resolver, time) };
        foreach (var loaded in pool.Snapshot())
        {
            if (!models.Exists(m => m.Id == loaded.Name))
            {
                models.Add(new OpenAiModel { Id = loaded.Name, Created = Created(loaded.Settings.ModelPath, time), OwnedBy = OwnedBy });
            }
        }

        return models;
    }

    /// <summary>The model by the name a client uses (<c>tiny</c> or <c>tiny:latest</c>), under that name; null when unknown.</summary>
    public static OpenAiModel? Find(string name, WorkerPool pool, ModelResolver resolver, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var wanted = ModelName.Normalize(name);
        var model = List(pool, resolver, time).FirstOrDefault(m => m.Id == wanted);
        return model is null ? null : model with { Id = name.Trim() };
    }

    private static OpenAiModel Tiny(ModelResolver resolver, TimeProvider time) => new()
    {
        Id = $"{TinyModel.Name}:{ModelName.DefaultTag}",
        Created = Created(Path.Combine(resolver.BuiltInDirectory, TinyModel.FileName), time),
        OwnedBy = OwnedBy,
    };

    /// <summary>When the model's file was written, or now for a built-in model not written yet.</summary>
    private static long Created(string path, TimeProvider time) =>
        File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeSeconds() : OpenAiIds.Now(time);
}
