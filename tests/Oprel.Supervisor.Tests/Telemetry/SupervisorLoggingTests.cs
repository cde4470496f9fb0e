using Microsoft.Extensions.Logging;
using Oprel.Logging;
using Oprel.Supervisor.Telemetry;

namespace Oprel.Supervisor.Tests.Telemetry;

/// <summary>OPREL_LOG_LEVEL reaches every category: Oprel's exactly, the framework's never below Warning.</summary>
public sealed class SupervisorLoggingTests
{
    private static readonly string[] OprelCategories = ["Oprel.Supervisor", "Oprel.Worker", "Oprel.Supervisor.Workers.WorkerPool", "Oprel.Supervisor.Hosting.PipeEndpoint"];
    private static readonly string[] FrameworkCategories = ["Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.Hosting.Lifetime", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http.HttpClient"];

    [Theory]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData(null, LogLevel.Information)]
    public void EveryCategory_FollowsTheLevel(string? setting, LogLevel expected)
    {
        using var factory = LoggerFactory.Create(logging => SupervisorLogging.Configure(logging, LogLevels.Parse(setting)).AddProvider(new AcceptingProvider()));
        foreach (var category in OprelCategories)
        {
            Assert.Equal(expected, LogLevels.MinimumEnabled(factory.CreateLogger(category)));
        }

        foreach (var category in FrameworkCategories)
        {
            Assert.Equal(expected < LogLevel.Warning ? LogLevel.Warning : expected, LogLevels.MinimumEnabled(factory.CreateLogger(category)));
        }
    }

    [Theory]
    [InlineData(LogLevel.Trace)]
    [InlineData(LogLevel.Debug)]
    [InlineData(LogLevel.Information)]
    [InlineData(LogLevel.Warning)]
    [InlineData(LogLevel.Error)]
    [InlineData(LogLevel.Critical)]
    [InlineData(LogLevel.None)]
    public void Name_ReadsBackAsTheSameLevel(LogLevel level) => Assert.Equal(level, LogLevels.Parse(LogLevels.Name(level)));

    /// <summary>Writes nothing but accepts every level, so that only the filters decide what is enabled.</summary>
    private sealed class AcceptingProvider : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        public void Dispose()
        {
        }
    }
}
