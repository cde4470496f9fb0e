using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Oprel.Server;

namespace Oprel.Sdk.Tests.Api;

/// <summary>
/// A Config for a private Oprel server (free port, empty cache). The SDK starts the server itself on first use,
/// as it does for users; the fixture stops it at the end through the server's pipe.
/// </summary>
public sealed class SdkServerFixture : IAsyncLifetime
{
    public SdkServerFixture()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        CacheDirectory = Directory.CreateTempSubdirectory("oprel-sdk-tests-").FullName;
    }

    public int Port { get; }

    public string CacheDirectory { get; }

    public string Host => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public Config Config() => new() { ServerHost = "127.0.0.1", ServerPort = Port, CacheDir = CacheDirectory };

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Starts the server the way the SDK does, for tests of clients that expect one.</summary>
    public Task EnsureStartedAsync() => new DefaultServer(Config()).EnsureRunningAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        try
        {
            using var connection = await SupervisorConnection.ConnectAsync(Port, TimeSpan.FromSeconds(2), CancellationToken.None);
            await connection.Service.ShutdownAsync(CancellationToken.None);
            for (var i = 0; i < 100 && await ServerProbe.TryGetVersionAsync(new Uri(Host), TimeSpan.FromMilliseconds(200), CancellationToken.None) is not null; i++)
            {
                await Task.Delay(100);
            }
        }
        catch (BackendException)
        {
            // No server was started by these tests.
        }

        try
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
