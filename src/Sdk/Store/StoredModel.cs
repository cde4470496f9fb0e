namespace Oprel.Store;

/// <summary>A model in the store, as listed.</summary>
/// <param name="Manifest">Its manifest.</param>
/// <param name="ModifiedAt">When its manifest was written.</param>
internal sealed record StoredModel(ModelManifest Manifest, DateTimeOffset ModifiedAt)
{
    public string Name => Manifest.Name;

    public long SizeBytes => Manifest.SizeBytes;
}
