using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oprel.Logging;
using Oprel.Supervisor.Api;
using Oprel.Supervisor.Api.OpenAi;
using Oprel.Supervisor.Api.Security;
using Oprel.Supervisor.Telemetry;
using Oprel.Telemetry;

namespace Oprel.Supervisor.Hosting;

/// <summary>Runs `oprel serve`: the HTTP API, the named pipe, and the worker pool, until stopped.</summary>
internal static partial class SupervisorHost
{
    /// <summary>Runs the server until <paramref name="cancellationToken"/> fires, SIGTERM/Ctrl+C arrives or a client asks it to stop. Returns the exit code.</summary>
    public static async Task<int> RunAsync(ServeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = Config.Default();
        config.Validate();
        var options = SupervisorOptions.FromEnvironment();
        await using var app = Build(settings, config, options);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Oprel.Supervisor");
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException error)
        {
            LogCannotListen(logger, settings.Host, settings.Port, error.Message);
            return 1;
        }

        LogListening(logger, settings.Host, settings.Port, config.CacheDir);
        LogTelemetry(logger, settings.Host, settings.Port, RequestMetricsMiddleware.MetricsPath, OtlpExport.EndpointFromEnvironment() ?? "off");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    internal static WebApplication Build(ServeSettings settings, Config config, SupervisorOptions options)
    {
        // An empty builder: the slim one reads appsettings.json from the current directory, so `oprel serve` run in
        // an ASP.NET Core project's folder took that project's Kestrel endpoints and logging, and it watched the
        // folder for changes. Oprel's settings are its own environment variables; OTEL_* are read through the
        // configuration, hence environment variables and nothing else.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables();
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        SupervisorLogging.Configure(builder.Logging, LogLevels.Parse(config.LogLevel));
        if (settings.LogFile is { } logFile)
        {
            builder.Logging.AddProvider(new FileLoggerProvider(logFile));
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

        // Each streamed token is one small write: send it from the thread that writes it rather than handing it to
        // another thread first. The handlers never block, which is what this setting asks of them.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (settings.Host is "localhost")
            {
                kestrel.ListenLocalhost(settings.Port);
            }
            else if (IPAddress.TryParse(settings.Host, out var address))
            {
                kestrel.Listen(address, settings.Port);
            }
            else
            {
                throw new ValidationException($"'{settings.Host}' is not an IP address or localhost.");
            }
        });
        builder.Services.AddOprelSupervisor(settings, config, options);
        var origins = OriginPolicy.FromEnvironment();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .SetIsOriginAllowed(origins.IsAllowed)
            .AllowAnyHeader()
            .AllowAnyMethod()));
        if (OtlpExport.EndpointFromEnvironment() is not null)
        {
            OtlpSetup.Add(builder.Services);
        }

        var app = builder.Build();

        // First, so that requests refused by CORS or the API key are counted too.
        app.UseMiddleware<RequestMetricsMiddleware>();
        UseCors(app);
        if (Environment.GetEnvironmentVariable("OPREL_API_KEY") is { Length: > 0 } apiKey)
        {
            app.UseMiddleware<ApiKeyMiddleware>(apiKey);
        }

        app.MapGet(RequestMetricsMiddleware.MetricsPath, app.Services.GetRequiredService<PrometheusExporter>().WriteAsync);
        app.MapOllamaApi();
        app.MapOpenAiApi();
        return app;
    }

    /// <summary>
    /// <c>app.UseCors()</c>, without the expression tree <c>UseMiddleware</c> compiles for a middleware whose Invoke
    /// takes services: that alone loads System.Linq.Expressions and costs the supervisor about 3 MB of memory.
    /// </summary>
    private static void UseCors(WebApplication app) => app.Use(next =>
    {
        var cors = new CorsMiddleware(next, app.Services.GetRequiredService<ICorsService>(), app.Services.GetRequiredService<ILoggerFactory>());
        var policies = app.Services.GetRequiredService<ICorsPolicyProvider>();
        return context => cors.Invoke(context, policies);
    });

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Oprel is listening on http://{Host}:{Port} (models in {CacheDir})")]
    private static partial void LogListening(ILogger logger, string host, int port, string cacheDir);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Metrics at http://{Host}:{Port}{Path} (Prometheus text); OTLP export: {Otlp}")]
    private static partial void LogTelemetry(ILogger logger, string host, int port, string path, string otlp);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Cannot listen on {Host}:{Port}: {Reason}")]
    private static partial void LogCannotListen(ILogger logger, string host, int port, string reason);
}
