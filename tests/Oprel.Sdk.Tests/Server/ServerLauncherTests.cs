using Oprel.Server;

namespace Oprel.Sdk.Tests.Server;

public sealed class ServerLauncherTests
{
    private static readonly ServerEndpoint Endpoint = new("localhost", 18555);

    [Theory]
    [InlineData("/usr/share/dotnet/dotnet")]
    [InlineData(@"C:\Program Files\dotnet\dotnet.exe")]
    public void CreateStartInfo_DotnetHost_RunsTheAssemblyWithServe(string dotnet)
    {
        var start = ServerLauncher.CreateStartInfo(dotnet, "/app/oprel.dll", Endpoint, "/cache/logs/serve-18555.log", "/cache");

        Assert.Equal(dotnet, start.FileName);
        Assert.Equal(
            ["/app/oprel.dll", "serve", "--host", "127.0.0.1", "--port", "18555", "--log-file", "/cache/logs/serve-18555.log", "--detach"],
            start.ArgumentList);
    }

    [Fact]
    public void CreateStartInfo_Apphost_RunsItselfWithServe()
    {
        var start = ServerLauncher.CreateStartInfo("/app/oprel", "/app/oprel.dll", Endpoint, "/cache/logs/serve-18555.log", "/cache");

        Assert.Equal("/app/oprel", start.FileName);
        Assert.Equal("serve", start.ArgumentList[0]);
        Assert.DoesNotContain("/app/oprel.dll", start.ArgumentList);
    }

    [Fact]
    public void CreateStartInfo_Always_RedirectsEveryStreamWithoutShell()
    {
        var start = ServerLauncher.CreateStartInfo("/app/oprel", "/app/oprel.dll", Endpoint, "/cache/logs/serve-18555.log", "/cache");

        Assert.False(start.UseShellExecute);
        Assert.True(start.RedirectStandardInput && start.RedirectStandardOutput && start.RedirectStandardError);
        Assert.True(start.CreateNoWindow);
        Assert.Equal("/cache", start.WorkingDirectory);
        Assert.Equal("/cache", start.Environment["OPREL_CACHE_DIR"]);
    }

    [Fact]
    public void LogFile_Port_IsUnderTheCacheLogs()
    {
        var launcher = new ServerLauncher(Endpoint, "/cache", () => new ServerProgram("/app/oprel", "/app/oprel.dll"));

        Assert.Equal(Path.Combine("/cache", "logs", "serve-18555.log"), launcher.LogFile);
    }
}
