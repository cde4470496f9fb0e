namespace Oprel.AI;

/// <summary>What <see cref="OprelServiceCollectionExtensions.AddOprel"/> registers.</summary>
public sealed class OprelOptions
{
    /// <summary>The server's address; OPREL_SERVER_HOST/PORT (http://localhost:11434) by default.</summary>
    public string? Host { get; set; }

    /// <summary>The chat model for <see cref="Microsoft.Extensions.AI.IChatClient"/>.</summary>
    public string Model { get; set; } = "tiny";

    /// <summary>The embedding model for <see cref="Microsoft.Extensions.AI.IEmbeddingGenerator{TInput, TEmbedding}"/>; the chat model when null.</summary>
    public string? EmbeddingModel { get; set; }
}
