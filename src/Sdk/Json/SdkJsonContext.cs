using System.Text.Json.Serialization;

namespace Oprel.Json;

/// <summary>Source-generated JSON for the SDK's public records.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(GenerateResponse))]
[JsonSerializable(typeof(ListResponse))]
[JsonSerializable(typeof(ShowResponse))]
[JsonSerializable(typeof(ProgressResponse))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(ToolCall[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class SdkJsonContext : JsonSerializerContext;
