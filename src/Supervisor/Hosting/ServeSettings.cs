namespace Oprel.Supervisor.Hosting;

/// <summary>How `oprel serve` was asked to run.</summary>
/// <param name="Host">Address to bind (127.0.0.1 unless OPREL_SERVER_HOST or --host say otherwise).</param>
/// <param name="Port">HTTP port; the named pipe's name is derived from it.</param>
/// <param name="LogFile">When set (a server started in the background), logs go to this file instead of the console.</param>
internal sealed record ServeSettings(string Host, int Port, string? LogFile = null);
