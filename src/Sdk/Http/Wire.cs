using System.Text.Json.Serialization.Metadata;
using Oprel.Json;
using Oprel.OllamaApi;

namespace Oprel.Http;

/// <summary>Short names for the request types' JSON metadata.</summary>
internal static class Wire
{
    public static JsonTypeInfo<OllamaChatRequest> ChatRequest => OprelJsonContext.Default.OllamaChatRequest;

    public static JsonTypeInfo<OllamaGenerateRequest> GenerateRequest => OprelJsonContext.Default.OllamaGenerateRequest;

    public static JsonTypeInfo<OllamaModelRequest> ModelRequest => OprelJsonContext.Default.OllamaModelRequest;

    public static JsonTypeInfo<OllamaPullRequest> PullRequest => OprelJsonContext.Default.OllamaPullRequest;

    public static JsonTypeInfo<OllamaCreateRequest> CreateRequest => OprelJsonContext.Default.OllamaCreateRequest;
}
