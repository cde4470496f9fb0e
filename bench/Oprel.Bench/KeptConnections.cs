using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Oprel.Bench;

/// <summary>
/// Open HTTP/1.1 connections to each server, kept between requests as HttpClient, OllamaSharp and the ollama and
/// openai clients keep theirs: a timed request reuses a warm connection instead of paying a new one.
/// </summary>
internal static class KeptConnections
{
    private static readonly ConcurrentDictionary<string, ConcurrentBag<Socket>> Idle = new();

    /// <summary>An idle connection to <paramref name="server"/>, or null when there is none.</summary>
    public static Socket? TakeIdle(Uri server) =>
        Idle.TryGetValue(server.Authority, out var bag) && bag.TryTake(out var socket) ? socket : null;

    public static Socket Connect(Uri server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Connect(new IPEndPoint(IPAddress.Parse(server.Host), server.Port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Keeps a connection whose response was read to its end for the next request.</summary>
    public static void Return(Uri server, Socket socket) => Idle.GetOrAdd(server.Authority, _ => []).Add(socket);
}
