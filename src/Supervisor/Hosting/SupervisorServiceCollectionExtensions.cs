using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oprel.Downloads;
using Oprel.Hardware;
using Oprel.HuggingFace;
using Oprel.Models;
using Oprel.Planning;
using Oprel.Store;
using Oprel.Supervisor.Inference;
using Oprel.Supervisor.Telemetry;
using Oprel.Supervisor.Workers;

namespace Oprel.Supervisor.Hosting;

/// <summary>Registers the supervisor's services: the model store and downloads, hardware probe and memory planning, model resolution, the worker pool, generation, the pipe endpoint, metrics.</summary>
internal static class SupervisorServiceCollectionExtensions
{
    public static IServiceCollection AddOprelSupervisor(this IServiceCollection services, ServeSettings settings, Config config, SupervisorOptions options)
    {
        services.AddSingleton(settings);
        services.AddSingleton(config);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => WorkerExecutable.Locate());
        services.AddSingleton(_ => HuggingFaceOptions.FromEnvironment());
        services.AddSingleton(provider => new HuggingFaceClient(provider.GetRequiredService<HuggingFaceOptions>()));
        services.AddSingleton(_ => new ModelStore(config.CacheDir));
        services.AddSingleton<IHardwareProbe>(provider => new HardwareProbe(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new BlobDownloader(
            provider.GetRequiredService<HuggingFaceClient>(),
            provider.GetRequiredService<ModelStore>(),
            DownloadPolicy.Default,
            provider.GetRequiredService<ILogger<BlobDownloader>>()));
        services.AddSingleton(provider => new ModelPuller(
            provider.GetRequiredService<HuggingFaceClient>(),
            provider.GetRequiredService<ModelStore>(),
            provider.GetRequiredService<BlobDownloader>(),
            provider.GetRequiredService<IHardwareProbe>(),
            config,
            GpuOffloadSupport.IsAvailable(config),
            provider.GetRequiredService<ILogger<ModelPuller>>()));
        services.AddSingleton(provider => new ModelResolver(config, provider.GetRequiredService<ModelStore>(), provider.GetRequiredService<ModelPuller>()));
        services.AddSingleton(provider => new ModelLoadPlanner(provider.GetRequiredService<IHardwareProbe>(), config));
        services.AddMetrics();
        services.AddSingleton<SupervisorMetrics>();
        services.AddSingleton(provider => new PrometheusExporter(provider.GetRequiredService<IMeterFactory>(), SupervisorMetrics.ExportedMeters));
        services.AddSingleton<PipeRequestTracker>();
        services.AddSingleton(provider =>
        {
            var executable = provider.GetRequiredService<WorkerExecutable>();
            var workerLogger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Oprel.Worker");
            var metrics = provider.GetRequiredService<SupervisorMetrics>();
            var pool = new WorkerPool(
                async (load, cancellationToken) =>
                {
                    var worker = await WorkerProcess.StartAsync(
                        executable, load, workerLogger, (service, pid) => new InstrumentedWorkerService(service, load.ModelName, pid, metrics), cancellationToken);
                    metrics.WorkerStarted(load.ModelName);
                    return worker;
                },
                provider.GetRequiredService<SupervisorOptions>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<WorkerPool>>())
            {
                Metrics = metrics,
            };
            metrics.Observe(pool);
            return pool;
        });
        services.AddSingleton<GenerationService>();
        services.AddSingleton<Catalog.ModelCatalog>();
        services.AddSingleton<SupervisorService>();
        services.AddHostedService<PipeEndpoint>();
        return services;
    }
}
