namespace Oprel.Rpc;

/// <summary>A worker's answer to a health ping.</summary>
internal sealed record WorkerHealth(int ProcessId, bool Loaded, int ActiveSequences, int QueuedRequests, long ResidentBytes);
