using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Oprel.Supervisor.Tests.EndToEnd;

/// <summary>Workers never outlive their supervisor, however it dies.</summary>
public sealed class SupervisorDeathTests
{
    [Fact]
    public async Task SupervisorKilled_WorkerExitsWithinSeconds()
    {
        var server = new ServerFixture();
        await server.InitializeAsync();
        try
        {
            using var response = await server.Http.PostAsync(
                "/api/generate", new StringContent("""{"model":"tiny","prompt":"hi","stream":false,"options":{"num_predict":2}}""", Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            var ps = await server.Http.GetFromJsonAsync<JsonObject>("/api/ps");
            var workerPid = ps!["models"]![0]!["pid"]!.GetValue<int>();
            using var worker = Process.GetProcessById(workerPid);

            using (var supervisor = Process.GetProcessById(server.ServerProcessId))
            {
                supervisor.Kill(); // SIGKILL: no chance to clean up
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await worker.WaitForExitAsync(deadline.Token);
            Assert.True(worker.HasExited);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
