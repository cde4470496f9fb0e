using System.Text.Json;
using Microsoft.Extensions.AI;
using Oprel.Http;
using Oprel.Json;
using Oprel.OllamaApi;

namespace Oprel.AI;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over an Oprel (or Ollama) server's
/// /api/embed: one normalised vector per input.
/// </summary>
public sealed class OprelEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly OllamaHttpTransport _transport;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Creates a generator for the embedding model <paramref name="model"/> on the server at <paramref name="host"/>.</summary>
    public OprelEmbeddingGenerator(string model, string host = "http://localhost:11434")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        _transport = new OllamaHttpTransport(Client.LocalhostAsIpv4(OllamaHttpTransport.ParseHost(host)));
        Model = model;
        _metadata = new EmbeddingGeneratorMetadata("oprel", _transport.BaseAddress, model);
    }

    /// <summary>The default model, used when EmbeddingGenerationOptions.ModelId is not set.</summary>
    public string Model { get; }

    /// <inheritdoc/>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.ToArray();
        var model = options?.ModelId ?? Model;
        var request = new OllamaEmbedRequest
        {
            Model = model,
            Input = JsonSerializer.SerializeToElement(inputs, SdkJsonContext.Default.StringArray),
        };
        var response = await _transport.SendAsync(
            HttpMethod.Post, "api/embed", request, OprelJsonContext.Default.OllamaEmbedRequest, OprelJsonContext.Default.OllamaEmbedResponse, cancellationToken).ConfigureAwait(false);
        if (response.Embeddings.Count != inputs.Length)
        {
            throw new BackendException($"The server returned {response.Embeddings.Count} embeddings for {inputs.Length} inputs.");
        }

        var createdAt = DateTimeOffset.UtcNow;
        return new GeneratedEmbeddings<Embedding<float>>(response.Embeddings.Select(v => new Embedding<float>(v) { ModelId = response.Model, CreatedAt = createdAt }))
        {
            Usage = new UsageDetails { InputTokenCount = response.PromptEvalCount, TotalTokenCount = response.PromptEvalCount },
        };
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose() => _transport.Dispose();
}
