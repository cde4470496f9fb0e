namespace Oprel.Supervisor.Telemetry;

/// <summary>Why the pool unloaded a model that was working fine, for <c>oprel.worker.evictions</c>.</summary>
internal enum EvictionReason
{
    /// <summary>Its keep-alive time ran out.</summary>
    Expired,

    /// <summary>A request asked for keep_alive 0.</summary>
    KeepAliveZero,

    /// <summary>Room was needed for another model (OPREL_MAX_LOADED_MODELS).</summary>
    MakeRoom,

    /// <summary>Memory was needed for another model.</summary>
    Memory,

    /// <summary>A request needed it loaded with other settings (say another num_ctx).</summary>
    Reload,
}
