namespace Oprel.Supervisor.Tests.Telemetry;

/// <summary>One sample line of a Prometheus text scrape.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
