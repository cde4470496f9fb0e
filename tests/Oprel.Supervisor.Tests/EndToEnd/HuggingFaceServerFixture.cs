using Oprel.Models.Tiny;
using Oprel.Tests.HuggingFace;

namespace Oprel.Supervisor.Tests.EndToEnd;

/// <summary>
/// A fake Hugging Face hub on 127.0.0.1 serving the tiny model as a GGUF repository (owner/Tiny-GGUF, in Q4_K_M and
/// Q8_0 files), and a real `oprel serve` whose OPREL_HF_ENDPOINT points at it.
/// </summary>
public sealed class HuggingFaceServerFixture : IAsyncLifetime
{
    public const string Repository = "owner/Tiny-GGUF";

    public FakeHuggingFaceServer Hub { get; private set; } = null!;

    public ServerFixture Server { get; private set; } = null!;

    public byte[] TinyBytes { get; private set; } = [];

    public async Task InitializeAsync()
    {
        using (var stream = new MemoryStream())
        {
            await TinyModel.CreateWriter().WriteToAsync(stream, CancellationToken.None);
            TinyBytes = stream.ToArray();
        }

        Hub = await FakeHuggingFaceServer.StartAsync();
        Hub.AddRepository(Repository, new FakeFile("Tiny-Q4_K_M.gguf", TinyBytes), new FakeFile("Tiny-Q8_0.gguf", TinyBytes));
        Server = await ServerFixture.StartAsync(new Dictionary<string, string> { ["OPREL_HF_ENDPOINT"] = Hub.Endpoint.ToString() });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Hub.DisposeAsync();
    }
}
