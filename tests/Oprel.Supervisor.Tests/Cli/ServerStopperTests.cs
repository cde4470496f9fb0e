using Oprel.Server;
using System.IO.Pipes;
using System.Net;
using System.Net.Sockets;
using Oprel.Rpc;
using Oprel.Supervisor.Cli;

namespace Oprel.Supervisor.Tests.Cli;

public sealed class ServerStopperTests
{
    [Fact]
    public async Task StopAsync_ServerOnThePipe_AsksItToShutDownAndWaitsUntilHttpIsSilent()
    {
        var port = UnusedPort();
        var supervisor = new FakeSupervisor();
        await using var pipe = new NamedPipeServerStream(
            PipeNames.Supervisor(port), PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        var serving = ServeAsync(pipe, supervisor);
        var handler = new StubHttpHandler((_, _) => supervisor.ShutdownRequested.IsCompleted
            ? throw new HttpRequestException("Connection refused")
            : Task.FromResult(StubHttpHandler.Json(HttpStatusCode.OK, """{"version":"0.1.0"}""")));
        var endpoint = new ServerEndpoint("127.0.0.1", port);
        using var api = new OprelHttpApi(endpoint.BaseUri, handler);

        var stopped = await new ServerStopper(api, endpoint).StopAsync(CancellationToken.None);

        Assert.True(stopped);
        Assert.True(supervisor.ShutdownRequested.IsCompleted);
        await serving;
    }

    [Fact]
    public async Task StopAsync_NothingRunning_ReturnsFalse()
    {
        var port = UnusedPort();
        var endpoint = new ServerEndpoint("127.0.0.1", port);
        using var api = new OprelHttpApi(endpoint.BaseUri);

        Assert.False(await new ServerStopper(api, endpoint).StopAsync(CancellationToken.None));
    }

    [Fact]
    public async Task StopAsync_HttpAnswersWithoutPipe_Throws()
    {
        var port = UnusedPort();
        var endpoint = new ServerEndpoint("127.0.0.1", port);
        var handler = new StubHttpHandler((_, _) => Task.FromResult(StubHttpHandler.Json(HttpStatusCode.OK, """{"version":"0.1.0"}""")));
        using var api = new OprelHttpApi(endpoint.BaseUri, handler);

        var error = await Assert.ThrowsAsync<OprelException>(() => new ServerStopper(api, endpoint).StopAsync(CancellationToken.None));

        Assert.Contains($"oprel-{port}", error.Message, StringComparison.Ordinal);
    }

    private static async Task ServeAsync(NamedPipeServerStream pipe, FakeSupervisor supervisor)
    {
        await pipe.WaitForConnectionAsync();
        using var rpc = RpcConnection.Create(pipe);
        rpc.AddLocalRpcTarget<ISupervisorService>(supervisor, null);
        rpc.StartListening();
        await supervisor.ShutdownRequested;
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
