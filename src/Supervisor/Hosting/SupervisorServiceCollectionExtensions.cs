using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oprel.Models;
using Oprel.Supervisor.Inference;
using Oprel.Supervisor.Workers;

namespace Oprel.Supervisor.Hosting;

/// <summary>Registers the supervisor's services: model resolution, the worker pool, generation, the pipe endpoint.</summary>
internal static class SupervisorServiceCollectionExtensions
{
    public static IServiceCollection AddOprelSupervisor(this IServiceCollection services, ServeSettings settings, Config config, SupervisorOptions options)
    {
        services.AddSingleton(settings);
        services.AddSingleton(config);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => WorkerExecutable.Locate());
        services.AddSingleton<ModelResolver>();
        services.AddSingleton(provider =>
        {
            var executable = provider.GetRequiredService<WorkerExecutable>();
            var workerLogger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Oprel.Worker");
            return new WorkerPool(
                (model, cancellationToken) => WorkerProcess.StartAsync(executable, model, workerLogger, cancellationToken),
                provider.GetRequiredService<SupervisorOptions>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<WorkerPool>>());
        });
        services.AddSingleton<GenerationService>();
        services.AddSingleton<SupervisorService>();
        services.AddHostedService<PipeEndpoint>();
        return services;
    }
}
