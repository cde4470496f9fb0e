using System.Globalization;

namespace Oprel.Server;

/// <summary>Where the Oprel server listens, as the CLI was told (flags over OPREL_SERVER_HOST/PORT over the defaults).</summary>
/// <param name="Host">The configured host: a name or an address, possibly a wildcard such as 0.0.0.0.</param>
/// <param name="Port">The HTTP port; the supervisor's named pipe is derived from it.</param>
internal sealed record ServerEndpoint(string Host, int Port)
{
    /// <summary>The address a server started by the CLI binds: the host, with "localhost" (or nothing) taken as 127.0.0.1.</summary>
    public string BindHost => Host is "" or "localhost" ? "127.0.0.1" : Unbracket(Host);

    /// <summary>The address the CLI connects to: the bind address, with the wildcards 0.0.0.0 and :: taken as the loopback.</summary>
    public string ConnectHost => BindHost switch
    {
        "0.0.0.0" or "*" or "+" => "127.0.0.1",
        "::" => "::1",
        var host => host,
    };

    /// <summary>The server's base address, e.g. http://127.0.0.1:11434/.</summary>
    public Uri BaseUri
    {
        get
        {
            var host = ConnectHost.Contains(':', StringComparison.Ordinal) ? $"[{ConnectHost}]" : ConnectHost;
            return new Uri($"http://{host}:{Port.ToString(CultureInfo.InvariantCulture)}/");
        }
    }

    /// <summary>"127.0.0.1:11434", as messages show it.</summary>
    public string Display => BindHost.Contains(':', StringComparison.Ordinal)
        ? $"[{BindHost}]:{Port.ToString(CultureInfo.InvariantCulture)}"
        : $"{BindHost}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The endpoint a client command talks to: <paramref name="host"/> and <paramref name="port"/> when given, else the config's (which applies OPREL_SERVER_HOST/PORT).</summary>
    public static ServerEndpoint ForClient(Config config, string? host, int? port)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ServerEndpoint(host ?? config.ServerHost, port ?? config.ServerPort);
    }

    /// <summary>
    /// The endpoint `oprel serve` binds: <paramref name="host"/> when given, else OPREL_SERVER_HOST when set, else 127.0.0.1
    /// (loopback only, unless asked); <paramref name="port"/> when given, else the config's port.
    /// </summary>
    public static ServerEndpoint ForServer(Config config, string? host, int? port, string? hostVariable)
    {
        ArgumentNullException.ThrowIfNull(config);
        var bindHost = host ?? (string.IsNullOrEmpty(hostVariable) ? "127.0.0.1" : config.ServerHost);
        return new ServerEndpoint(bindHost, port ?? config.ServerPort);
    }

    private static string Unbracket(string host) =>
        host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
}
