namespace Oprel.Bench;

/// <summary>What a server run measured besides speed: memory, cold start, and whether warm requests paid a load.</summary>
internal sealed record ServerFigures(
    string Setup,
    double SupervisorRssMiB,
    double WorkerRssMiB,
    double ColdLoadMs,
    double WorkerReportedLoadMs,
    double WorkerStartToReadyMs,
    double WorkerRestartToReadyMs,
    double WarmLoadDurationMaxMs,
    int LoadsAfterTheFirst);
