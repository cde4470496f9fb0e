using System.Text.Json.Serialization;

namespace Oprel.Store;

/// <summary>Source-generated JSON for the store's manifests.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
