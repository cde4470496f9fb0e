using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Oprel.AI;

/// <summary>Registers Oprel in a dependency-injection container.</summary>
public static class OprelServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="AsyncClient"/>, an <see cref="IChatClient"/> and an
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for the configured server and models.
    /// </summary>
    public static IServiceCollection AddOprel(this IServiceCollection services, Action<OprelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new OprelOptions();
        configure?.Invoke(options);
        var host = options.Host ?? Config.Default().ServerUri().ToString();
        services.TryAddSingleton(options);
        services.TryAddSingleton(_ => new AsyncClient(host));
        services.TryAddSingleton<IChatClient>(provider => new OprelChatClient(provider.GetRequiredService<AsyncClient>(), options.Model));
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => new OprelEmbeddingGenerator(options.EmbeddingModel ?? options.Model, host));
        return services;
    }
}
