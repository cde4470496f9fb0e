using System.Text.Json.Serialization;

namespace Oprel.OllamaApi;

/// <summary>Ollama's per-request model options ("options" in /api/generate and /api/chat).</summary>
internal sealed record OllamaOptions
{
    [JsonPropertyName("num_ctx")] public int? NumCtx { get; init; }
    [JsonPropertyName("num_predict")] public int? NumPredict { get; init; }
    [JsonPropertyName("temperature")] public float? Temperature { get; init; }
    [JsonPropertyName("top_k")] public int? TopK { get; init; }
    [JsonPropertyName("top_p")] public float? TopP { get; init; }
    [JsonPropertyName("min_p")] public float? MinP { get; init; }
    [JsonPropertyName("seed")] public long? Seed { get; init; }
    [JsonPropertyName("stop")] public IReadOnlyList<string>? Stop { get; init; }
    [JsonPropertyName("repeat_penalty")] public float? RepeatPenalty { get; init; }
    [JsonPropertyName("repeat_last_n")] public int? RepeatLastN { get; init; }
    [JsonPropertyName("presence_penalty")] public float? PresencePenalty { get; init; }
    [JsonPropertyName("frequency_penalty")] public float? FrequencyPenalty { get; init; }
    [JsonPropertyName("num_thread")] public int? NumThread { get; init; }
    [JsonPropertyName("num_batch")] public int? NumBatch { get; init; }
    [JsonPropertyName("num_gpu")] public int? NumGpu { get; init; }

    /// <summary>Map the model file (true, the default) or read it into the worker's memory (false).</summary>
    [JsonPropertyName("use_mmap")] public bool? UseMmap { get; init; }

    /// <summary>Oprel's addition: refuse to load the model when its estimated footprint exceeds this many MiB.</summary>
    [JsonPropertyName("max_memory_mb")] public int? MaxMemoryMb { get; init; }
}
