namespace Oprel.Bench;

/// <summary>A loaded setup (the model in this process, or a server with its worker) and the rows it measures.</summary>
internal interface IBenchSetup : IAsyncDisposable
{
    IReadOnlyList<Measurement> Measurements { get; }

    /// <summary>Memory and load figures of a server, read after the runs (it then restarts the worker a few times); null for in-process setups.</summary>
    Task<ServerFigures?> FiguresAsync();
}
