namespace Oprel.Supervisor.Hosting;

/// <summary>The runtime setting that makes .NET run socket continuations on its socket engine's thread.</summary>
internal static class SocketThreading
{
    /// <summary>"1" runs them inline; read by System.Net.Sockets when a process first uses a socket.</summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
}
