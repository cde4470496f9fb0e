namespace Oprel.Supervisor.Workers;

/// <summary>Why the supervisor killed a worker, so its requests fail with the right error.</summary>
internal enum WorkerKillReason
{
    None,

    /// <summary>It stopped answering health pings.</summary>
    Unresponsive,

    /// <summary>Its resident memory went past its limit.</summary>
    MemoryLimit,

    /// <summary>Its token pipe broke, or carried something that is not a token frame.</summary>
    BrokenTokenPipe,
}
