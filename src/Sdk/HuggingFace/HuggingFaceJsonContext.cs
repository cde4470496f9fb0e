using System.Text.Json.Serialization;

namespace Oprel.HuggingFace;

/// <summary>Source-generated JSON for Hugging Face's API.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HuggingFaceTreeEntry[]))]
[JsonSerializable(typeof(HuggingFaceModelInfo[]))]
internal sealed partial class HuggingFaceJsonContext : JsonSerializerContext;
