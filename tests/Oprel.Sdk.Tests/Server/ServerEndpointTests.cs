using Oprel.Server;

namespace Oprel.Sdk.Tests.Server;

public sealed class ServerEndpointTests
{
    [Theory]
    [InlineData("localhost", "http://127.0.0.1:11434/")]
    [InlineData("127.0.0.1", "http://127.0.0.1:11434/")]
    [InlineData("0.0.0.0", "http://127.0.0.1:11434/")]
    [InlineData("::", "http://[::1]:11434/")]
    [InlineData("[::1]", "http://[::1]:11434/")]
    [InlineData("192.168.1.5", "http://192.168.1.5:11434/")]
    public void BaseUri_Host_ConnectsToTheServer(string host, string expected)
    {
        Assert.Equal(new Uri(expected), new ServerEndpoint(host, 11434).BaseUri);
    }

    [Fact]
    public void ForClient_Flags_OverrideTheConfig()
    {
        var config = new Config { ServerHost = "10.0.0.2", ServerPort = 1234 };

        Assert.Equal(new ServerEndpoint("127.0.0.1", 18555), ServerEndpoint.ForClient(config, "127.0.0.1", 18555));
        Assert.Equal(new ServerEndpoint("10.0.0.2", 1234), ServerEndpoint.ForClient(config, null, null));
    }

    [Fact]
    public void ForServer_NoHostVariable_BindsLoopback()
    {
        var config = new Config { ServerHost = "localhost", ServerPort = 11434 };

        var endpoint = ServerEndpoint.ForServer(config, null, null, hostVariable: null);

        Assert.Equal(("127.0.0.1", 11434), (endpoint.BindHost, endpoint.Port));
    }

    [Fact]
    public void ForServer_HostVariableSet_BindsTheConfiguredHost()
    {
        var config = new Config { ServerHost = "0.0.0.0" };

        Assert.Equal("0.0.0.0", ServerEndpoint.ForServer(config, null, 9000, hostVariable: "0.0.0.0").BindHost);
        Assert.Equal("::1", ServerEndpoint.ForServer(config, "[::1]", 9000, hostVariable: "0.0.0.0").BindHost);
    }

    [Fact]
    public void Display_Localhost_ShowsTheLoopbackAddress()
    {
        Assert.Equal("127.0.0.1:18555", new ServerEndpoint("localhost", 18555).Display);
        Assert.Equal("[::1]:18555", new ServerEndpoint("::1", 18555).Display);
    }
}
