using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Oprel.Supervisor.Tests.EndToEnd;

/// <summary>
/// `oprel serve` started in a folder that holds another program's appsettings.json (an ASP.NET Core project, say)
/// must neither take that program's settings nor watch the folder.
/// </summary>
public sealed class WorkingDirectoryTests
{
    [Fact]
    public async Task Serve_InAFolderWithAnAppSettingsFile_ListensOnlyWhereItWasToldAndWatchesNothing()
    {
        var folder = Directory.CreateTempSubdirectory("oprel-cwd-").FullName;
        var otherPort = OprelProcess.FreePort();
        await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "Kestrel": { "Endpoints": { "App": { "Url": "http://127.0.0.1:{{otherPort}}" } } },
              "Urls": "http://127.0.0.1:{{otherPort}}",
              "Logging": { "LogLevel": { "Default": "None" } }
            }
            """));
        try
        {
            await using var server = await ServerFixture.StartAsync(new Dictionary<string, string>(), workingDirectory: folder);

            var version = await server.Http.GetFromJsonAsync<Dictionary<string, string>>("/api/version");
            Assert.True(version?.ContainsKey("version"));
            using var client = new TcpClient();
            var refused = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", otherPort));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
            Assert.Contains("Oprel is listening", server.Log, StringComparison.Ordinal);
            if (OperatingSystem.IsLinux())
            {
                var watches = Directory.GetFiles($"/proc/{server.ServerProcessId}/fdinfo")
                    .Count(path => File.ReadAllText(path).Contains("inotify wd:", StringComparison.Ordinal));
                Assert.Equal(0, watches);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
