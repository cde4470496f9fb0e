using Oprel.Rpc;

namespace Oprel.Supervisor.Workers;

/// <summary>A model loaded in a worker, with its use count and expiry. Its mutable state is guarded by the pool's lock.</summary>
internal sealed class LoadedModel(string name, ModelLoadSettings settings, WorkerProcess worker, WorkerModelInfo info)
{
    public string Name { get; } = name;

    public ModelLoadSettings Settings { get; } = settings;

    public WorkerProcess Worker { get; } = worker;

    public WorkerModelInfo Info { get; } = info;

    /// <summary>Requests being served now.</summary>
    public int InFlight { get; set; }

    /// <summary>When it will be unloaded if no request comes; null while in use or kept forever.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public ITimer? ExpiryTimer { get; set; }

    /// <summary>Set once the pool stopped it on purpose, so its exit is not reported as a crash.</summary>
    public bool Stopping { get; set; }

    /// <summary>When a request last finished with it, for least-recently-used eviction.</summary>
    public DateTimeOffset LastUsed { get; set; }

    /// <summary>The worker's last answer to a health ping.</summary>
    public WorkerHealth? LastHealth { get; set; }

    /// <summary>Health pings missed in a row.</summary>
    public int MissedPings { get; set; }
}
